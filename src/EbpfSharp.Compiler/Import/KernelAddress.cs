using System.Collections.Immutable;
using EbpfSharp.Compiler.Ir;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Import;

/// <summary>
/// An address inside kernel memory reached through a pointer to a [KernelType] struct: the root pointer, the
/// CO-RE access path from it (as clang's preserve_access_index records it: "0" for the pointer, then member and
/// array indices) and the byte offset the program's own declarations give that path.
/// </summary>
/// <param name="Root">The pointer the path starts from.</param>
/// <param name="RootType">The [KernelType] struct the pointer points at.</param>
/// <param name="Access">The access indices; the first is the array index on the root pointer (always 0).</param>
/// <param name="Offset">The local byte offset of the path.</param>
/// <param name="Type">The C# type at the address.</param>
internal sealed record KernelAddress(IrValue Root, TypeReference RootType, ImmutableArray<int> Access, int Offset, TypeReference Type)
{
    /// <summary>For the start of a kernel array member (a fixed buffer): its element type and length, not yet indexed.</summary>
    public (TypeReference Element, int Length)? Array { get; init; }

    /// <summary>A run-time byte offset added after the relocated one (an array element with a variable index).</summary>
    public IrValue? Dynamic { get; init; }

    public string AccessString => string.Join(':', Access);
}
