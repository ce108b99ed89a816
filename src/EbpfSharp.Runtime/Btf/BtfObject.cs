using System.Text;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

/// <summary>
/// A BTF blob loaded into the kernel (BPF_BTF_LOAD). Maps refer to it for typed keys and values, programs
/// for func_info and line_info. Disposing it closes the descriptor.
/// </summary>
public sealed class BtfObject : IDisposable
{
    private BtfObject(BpfFileDescriptor handle) => Handle = handle;

    /// <summary>The BTF object's file descriptor.</summary>
    public BpfFileDescriptor Handle { get; }

    /// <summary>Loads an encoded <c>.BTF</c> blob.</summary>
    /// <exception cref="BpfException">The kernel rejected the blob; the message carries the kernel's BTF log.</exception>
    public static unsafe BtfObject Load(ReadOnlySpan<byte> blob)
    {
        fixed (byte* data = blob)
        {
            var attributes = new BtfLoadAttributes { Btf = (ulong)data, BtfSize = (uint)blob.Length };
            long result = BpfSyscall.Call(BpfCommand.BtfLoad, &attributes, sizeof(BtfLoadAttributes));
            if (result >= 0)
                return new BtfObject(new BpfFileDescriptor((int)result));
            int errno = (int)-result;
            if (errno is Errno.EPERM or Errno.EACCES)
                throw BpfErrors.FromErrno(errno, BpfCommand.BtfLoad, "Loading BTF");

            // Load again with a log to say why.
            var log = new byte[1 << 20];
            fixed (byte* logBuffer = log)
            {
                attributes = new BtfLoadAttributes
                {
                    Btf = (ulong)data,
                    BtfSize = (uint)blob.Length,
                    LogBuffer = (ulong)logBuffer,
                    LogSize = (uint)log.Length,
                    LogLevel = 1,
                };
                result = BpfSyscall.Call(BpfCommand.BtfLoad, &attributes, sizeof(BtfLoadAttributes));
                if (result >= 0)
                    return new BtfObject(new BpfFileDescriptor((int)result));
            }
            string text = Encoding.UTF8.GetString(log, 0, Math.Max(0, Array.IndexOf(log, (byte)0))).Trim();
            throw BpfErrors.FromErrno((int)-result, BpfCommand.BtfLoad, $"Loading BTF ({blob.Length} bytes){(text.Length > 0 ? ": " + text.Replace('\n', ' ') : "")}");
        }
    }

    /// <summary>Closes the descriptor.</summary>
    public void Dispose() => Handle.Dispose();
}
