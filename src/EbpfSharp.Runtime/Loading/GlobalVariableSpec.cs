using EbpfSharp.Object;

namespace EbpfSharp.Runtime;

/// <summary>A global variable in a data map: its name, where it lives in the map's value, and its BTF type.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="MapName">The data map holding it (such as <c>counter.rodata</c>).</param>
/// <param name="Offset">Byte offset inside the map's single value.</param>
/// <param name="Size">Bytes.</param>
/// <param name="TypeId">Its BTF type in the object, or 0.</param>
public sealed record GlobalVariableSpec(string Name, string MapName, int Offset, int Size, int TypeId);
