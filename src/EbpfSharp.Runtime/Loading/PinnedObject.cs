using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Runtime.Loading;

namespace EbpfSharp.Runtime;

/// <summary>A program or map pinned by <see cref="BpfObject.Pin"/>.</summary>
/// <param name="Kind">"program" or "map".</param>
/// <param name="Name">Its name in the object.</param>
/// <param name="Path">Where it is pinned.</param>
public sealed record PinnedObject(string Kind, string Name, string Path);
