using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>The object is busy or already present (EBUSY, EEXIST): a program is already attached, a pin path exists.</summary>
public sealed class BpfConflictException(string message, int errno) : BpfException(message, errno);
