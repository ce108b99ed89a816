using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>A kernel limit was hit (E2BIG, ENOSPC, ENOMEM, EMFILE, ERANGE).</summary>
public sealed class BpfLimitException(string message, int errno) : BpfException(message, errno);
