namespace EbpfSharp.Object.Instructions;

/// <summary>
/// One of the eleven 64-bit eBPF registers. R0 holds return values, R1–R5 carry call arguments and are
/// clobbered by calls, R6–R9 are callee-saved, R10 is the read-only frame pointer.
/// </summary>
public enum Register : byte
{
    /// <summary>Return value of helpers, subprograms and the program.</summary>
    R0 = 0,
    /// <summary>First argument; the context pointer at program entry.</summary>
    R1 = 1,
    /// <summary>Second argument.</summary>
    R2 = 2,
    /// <summary>Third argument.</summary>
    R3 = 3,
    /// <summary>Fourth argument.</summary>
    R4 = 4,
    /// <summary>Fifth argument.</summary>
    R5 = 5,
    /// <summary>Callee-saved.</summary>
    R6 = 6,
    /// <summary>Callee-saved.</summary>
    R7 = 7,
    /// <summary>Callee-saved.</summary>
    R8 = 8,
    /// <summary>Callee-saved.</summary>
    R9 = 9,
    /// <summary>Read-only frame pointer; the stack is the 512 bytes below it.</summary>
    R10 = 10,
}
