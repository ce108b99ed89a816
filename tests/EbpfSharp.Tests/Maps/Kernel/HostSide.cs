using EbpfSharp.Runtime;

namespace EbpfSharp.Tests.Maps.Kernel;

/// <summary>
/// A kernel map through the host's bpf() calls. The runtime answers failures with exceptions; their errno is what
/// a program's helper call returns, except where noted in the comparison tests.
/// </summary>
internal sealed class HostSide(BpfMap map) : MapSide
{
    public override long Lookup(byte[] key, out byte[] value)
    {
        value = new byte[map.ValueBufferSize];
        if (map.TryLookup(key, value))
            return 0;
        value = [];
        return MapCalls.ENOENT;
    }

    public override long Update(byte[] key, byte[] value, ulong flags) => Errno(() =>
    {
        map.Update(key, value, (MapUpdateFlags)flags);
        return 0;
    });

    public override long Delete(byte[] key) => Errno(() => map.Delete(key) ? 0 : MapCalls.ENOENT);

    public override long Push(byte[] value, ulong flags) => Errno(() =>
    {
        map.Push(value, (MapUpdateFlags)flags);
        return 0;
    });

    public override long Pop(out byte[] value)
    {
        value = new byte[map.ValueSize];
        return map.TryPop(value) ? 0 : MapCalls.ENOENT;
    }

    public override long Peek(out byte[] value)
    {
        value = new byte[map.ValueSize];
        return map.TryPeek(value) ? 0 : MapCalls.ENOENT;
    }

    public override long Contains(byte[] value) => map.Contains(value) ? 0 : MapCalls.ENOENT;

    private static long Errno(Func<long> call)
    {
        try
        {
            return call();
        }
        catch (BpfException e)
        {
            return -e.Errno;
        }
    }
}
