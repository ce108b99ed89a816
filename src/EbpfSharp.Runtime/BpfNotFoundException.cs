using EbpfSharp.Runtime.Interop;

namespace EbpfSharp.Runtime;

/// <summary>The thing named does not exist (ENOENT, ESRCH, ENODEV): a pinned path, a function, an interface, a key.</summary>
public sealed class BpfNotFoundException(string message, int errno) : BpfException(message, errno);
