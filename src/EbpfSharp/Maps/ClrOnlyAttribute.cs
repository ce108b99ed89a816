namespace EbpfSharp;

/// <summary>
/// Marks a member of the program-side API that exists only on the CLR, for unit tests and host code (reading a
/// ring buffer's records, filling a program array, inspecting contents). The compiler reports EBPF1019 when a
/// program calls one.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Constructor, Inherited = false)]
public sealed class ClrOnlyAttribute : Attribute
{
}
