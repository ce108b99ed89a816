using EbpfSharp.Object;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Maps;

/// <summary>
/// Element calls hold the descriptor without atomics (BpfFileDescriptor.BorrowForCall): a map disposed while other
/// threads use it must close only after their calls, so a map created next with the same descriptor number is
/// never reached through the disposed one.
/// </summary>
public class ConcurrentDisposeTests
{
    [KernelFact]
    public void Disposing_a_map_during_lookups_on_other_threads_never_lets_them_reach_the_next_map_on_its_descriptor()
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var old = BpfMap.Create(new MapDefinition("old", BpfMapType.Array, 4, 8, 1));
            old.Update(0u, 1UL);
            using var start = new Barrier(3);
            var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                while (true)
                {
                    try
                    {
                        if (old.TryLookup(0u, out ulong value) && value != 1)
                            return value;   // read another map through the old map's descriptor number
                        old.Update(0u, 1UL);
                    }
                    catch (ObjectDisposedException)
                    {
                        return 1UL;
                    }
                }
            }, TaskCreationOptions.LongRunning)).ToArray();
            start.SignalAndWait();
            Thread.Sleep(1);

            old.Dispose();
            // Usually gets the old map's descriptor number back (the lowest free one).
            using var next = BpfMap.Create(new MapDefinition("next", BpfMapType.Array, 4, 8, 1));
            next.Update(0u, 2UL);

            Assert.All(readers, reader => Assert.Equal(1UL, reader.Result));
            Assert.Equal(2UL, next.TryLookup(0u, out ulong kept) ? kept : 0);
        }
    }

    [KernelFact]
    public void Threads_that_have_ended_leave_no_call_slot_behind()
    {
        using var map = BpfMap.Create(new MapDefinition("slots", BpfMapType.Array, 4, 8, 1));
        var ended = new List<Thread>();
        for (int i = 0; i < 20; i++)
        {
            var thread = new Thread(() => map.TryLookup(0u, out ulong _));
            thread.Start();
            thread.Join();
            ended.Add(thread);
        }

        // A thread's first call registers its slot, and registering drops the slots of threads that have ended.
        var fresh = new Thread(() => map.TryLookup(0u, out ulong _));
        fresh.Start();
        fresh.Join();

        var owners = BpfFileDescriptor.CallSlot.All.Select(slot => slot.Owner).ToList();
        Assert.Contains(fresh, owners);
        Assert.DoesNotContain(owners, ended.Contains);
    }
}
