namespace EbpfSharp.Maps.Managed;

/// <summary>The errno values map helpers return, negated (kernel: include/uapi/asm-generic/errno-base.h, errno.h).</summary>
internal static class Errno
{
    public const long NoEntry = -2;            // ENOENT
    public const long TooBig = -7;             // E2BIG
    public const long TryAgain = -11;          // EAGAIN
    public const long BadAddress = -14;        // EFAULT
    public const long Exists = -17;            // EEXIST
    public const long InvalidArgument = -22;   // EINVAL
    public const long NoSpace = -28;           // ENOSPC
    public const long NotSupported = -95;      // EOPNOTSUPP
}
