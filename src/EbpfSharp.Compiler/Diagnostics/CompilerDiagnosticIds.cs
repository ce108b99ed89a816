namespace EbpfSharp.Compiler.Diagnostics;

/// <summary>
/// The compiler's diagnostic IDs (EBPF1000–EBPF1999; analyzers use EBPF0xxx, the generator EBPF2xxx, the
/// runtime EBPF3xxx). Each has a section in docs/diagnostics.md.
/// </summary>
internal static class CompilerDiagnosticIds
{
    /// <summary>The compiler failed on something it should have handled: a bug to report.</summary>
    public const string InternalError = "EBPF1000";
    /// <summary>A class instance or array is allocated.</summary>
    public const string ClassAllocation = "EBPF1001";
    /// <summary>A string is used other than as a literal format for a helper.</summary>
    public const string StringOperation = "EBPF1002";
    /// <summary>try/catch/finally or throw.</summary>
    public const string ExceptionHandling = "EBPF1003";
    /// <summary>A virtual or interface call.</summary>
    public const string VirtualCall = "EBPF1004";
    /// <summary>float or double.</summary>
    public const string FloatingPoint = "EBPF1005";
    /// <summary>checked arithmetic or conversion.</summary>
    public const string CheckedArithmetic = "EBPF1006";
    /// <summary>A call to a method that has no eBPF translation.</summary>
    public const string UnsupportedCall = "EBPF1007";
    /// <summary>Direct or indirect recursion.</summary>
    public const string Recursion = "EBPF1008";
    /// <summary>A BPF-to-BPF call with more than five arguments or an argument that does not fit a register.</summary>
    public const string SubprogramSignature = "EBPF1009";
    /// <summary>More than 512 bytes of stack.</summary>
    public const string StackTooLarge = "EBPF1010";
    /// <summary>An IL instruction the compiler does not translate.</summary>
    public const string UnsupportedInstruction = "EBPF1011";
    /// <summary>Boxing, delegates, type tokens or other managed references.</summary>
    public const string ManagedReference = "EBPF1012";
    /// <summary>A program method with the wrong shape for its attribute.</summary>
    public const string ProgramSignature = "EBPF1013";
    /// <summary>A static field the compiler does not translate.</summary>
    public const string StaticField = "EBPF1014";
    /// <summary>A type with no eBPF layout.</summary>
    public const string UnsupportedType = "EBPF1015";
    /// <summary>The assembly or one it references could not be read.</summary>
    public const string UnreadableAssembly = "EBPF1016";
    /// <summary>No portable PDB beside the assembly: objects carry no source lines (warning).</summary>
    public const string MissingDebugInformation = "EBPF1017";

    /// <summary>An atomic operation the chosen instruction set lacks (fetch forms, exchange, and/or before ISA v3).</summary>
    public const string AtomicNeedsIsaV3 = "EBPF1018";

    /// <summary>A map member that exists only on the CLR (tests and host code) is called from a program.</summary>
    public const string ClrOnlyMember = "EBPF1019";

    /// <summary><c>PtRegs.Arg(index)</c> with an index that is not a compile-time constant.</summary>
    public const string PtRegsArgumentIndex = "EBPF1020";

    /// <summary><c>PtRegs.Arg(index)</c> with an index past the registers the target architecture passes arguments in.</summary>
    public const string PtRegsArgumentRange = "EBPF1021";

    /// <summary>A write through a probe's <c>PtRegs*</c> or a tracepoint's record pointer (the read-only context).</summary>
    public const string ContextWrite = "EBPF1022";

    /// <summary>A read of the context (<c>PtRegs*</c>, a tracepoint record) at an offset that is not a constant.</summary>
    public const string ContextVariableOffset = "EBPF1023";

    /// <summary>A field of a [KernelType] struct is written through a pointer: kernel memory is read-only to CO-RE reads.</summary>
    public const string KernelFieldWrite = "EBPF1025";
    /// <summary>A [KernelType] struct is copied whole; only its fields are relocatable.</summary>
    public const string KernelStructCopy = "EBPF1026";
    /// <summary>A Core.* intrinsic gets something other than a kernel field's address or a [KernelType] type.</summary>
    public const string CoreIntrinsicArgument = "EBPF1027";
    /// <summary>A [KernelType] declaration the compiler cannot describe in BTF (a field of an unsupported type, a generic type).</summary>
    public const string KernelTypeDeclaration = "EBPF1028";
    /// <summary>Core.EnumValue/EnumValueExists gets a value that is not a constant enumerator of a [KernelType] enum.</summary>
    public const string CoreEnumerator = "EBPF1029";
}
