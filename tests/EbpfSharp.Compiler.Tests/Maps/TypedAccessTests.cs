using System.Reflection;
using System.Runtime.InteropServices;
using EbpfSharp.Compiler.Tests.Differential;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;
using Xunit.Abstractions;

namespace EbpfSharp.Compiler.Tests.Maps;

/// <summary>
/// The host reads and writes the corpus's maps and globals with the same C# types the programs use, through the
/// typed views (<see cref="MapView{TKey, TValue}"/> and the others) and <see cref="BpfObject.WriteVariable{T}"/>:
/// every value round-trips byte for byte.
/// </summary>
public sealed class TypedAccessTests(ITestOutputHelper output)
{
    private static readonly MethodInfo KeyedRoundTrip = typeof(TypedAccessTests).GetMethod(nameof(RoundTripKeyed), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo PerCpuRoundTrip = typeof(TypedAccessTests).GetMethod(nameof(RoundTripPerCpu), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ValueRoundTrip = typeof(TypedAccessTests).GetMethod(nameof(RoundTripValues), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo GlobalRoundTrip = typeof(TypedAccessTests).GetMethod(nameof(RoundTripGlobal), BindingFlags.NonPublic | BindingFlags.Static)!;

    [KernelFact]
    public void Every_corpus_key_and_value_type_round_trips_through_typed_host_access()
    {
        int checkedMaps = 0, checkedGlobals = 0;
        foreach (var type in MapCorpus.Classes)
        {
            var corpusClass = CorpusClass.For(type);
            using var loaded = MapCorpus.Load(type);
            foreach (var (name, map) in corpusClass.Maps)
            {
                var kernel = loaded.Map(KernelMirror.KernelName(name));
                var arguments = map.GetType().GetGenericArguments();
                MethodInfo? roundTrip = map.Kind switch
                {
                    MapKind.Hash or MapKind.LruHash or MapKind.LpmTrie => KeyedRoundTrip.MakeGenericMethod(arguments[0], arguments[1]),
                    MapKind.Array => KeyedRoundTrip.MakeGenericMethod(typeof(uint), arguments[0]),
                    MapKind.PerCpuHash or MapKind.LruPerCpuHash => PerCpuRoundTrip.MakeGenericMethod(arguments[0], arguments[1]),
                    MapKind.PerCpuArray => PerCpuRoundTrip.MakeGenericMethod(typeof(uint), arguments[0]),
                    MapKind.Queue or MapKind.Stack or MapKind.BloomFilter => ValueRoundTrip.MakeGenericMethod(arguments[0]),
                    _ => null,   // program arrays, perf event arrays, ring buffers, stack traces: no typed entries
                };
                if (roundTrip is null)
                    continue;
                output.WriteLine($"{type.Name}.{name}: {string.Join(", ", arguments.Select(argument => argument.Name))}");
                roundTrip.Invoke(null, [kernel, map.Kind]);
                checkedMaps++;
            }
            foreach (var global in corpusClass.Globals.Where(global => !global.IsReadOnly))
            {
                var field = type.GetField(global.Name, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)!;
                GlobalRoundTrip.MakeGenericMethod(field.FieldType).Invoke(null, [loaded, KernelMirror.KernelName(global.Name)]);
                checkedGlobals++;
            }
        }
        output.WriteLine($"{checkedMaps} maps, {checkedGlobals} globals");
        Assert.True(checkedMaps >= 15, $"{checkedMaps} maps checked");
    }

    /// <summary>A value of <typeparamref name="T"/> with every byte set (padding too), from <paramref name="seed"/>.</summary>
    private static T Sample<T>(int seed) where T : unmanaged
    {
        var bytes = new byte[System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];
        new Random(seed).NextBytes(bytes);
        return MemoryMarshal.Read<T>(bytes);
    }

    private static byte[] Bytes<T>(T value) where T : unmanaged => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).ToArray();

    private static TKey Key<TKey>(BpfMap map, MapKind kind, int seed) where TKey : unmanaged
    {
        var key = Sample<TKey>(seed);
        var bytes = Bytes(key);
        if (kind is MapKind.Array or MapKind.PerCpuArray)
            BitConverter.GetBytes((uint)(seed % map.MaxEntries)).CopyTo(bytes, 0);
        if (kind == MapKind.LpmTrie)
            BitConverter.GetBytes((uint)(seed % ((bytes.Length - 4) * 8 + 1))).CopyTo(bytes, 0);   // a valid prefix length
        return MemoryMarshal.Read<TKey>(bytes);
    }

    private static void RoundTripKeyed<TKey, TValue>(BpfMap map, MapKind kind) where TKey : unmanaged where TValue : unmanaged
    {
        using var view = new MapView<TKey, TValue>(map);
        for (int seed = 1; seed <= 3; seed++)
        {
            var key = Key<TKey>(map, kind, seed);
            var value = Sample<TValue>(seed * 100);
            view.Update(key, value);
            Assert.True(view.TryGetValue(key, out TValue read), $"{map.Name}: the key written is missing");
            Assert.Equal(Convert.ToHexString(Bytes(value)), Convert.ToHexString(Bytes(read)));
        }
    }

    private static void RoundTripPerCpu<TKey, TValue>(BpfMap map, MapKind kind) where TKey : unmanaged where TValue : unmanaged
    {
        using var view = new PerCpuMapView<TKey, TValue>(map);
        var key = Key<TKey>(map, kind, 7);
        var values = Enumerable.Range(0, view.CpuCount).Select(cpu => Sample<TValue>(700 + cpu)).ToArray();
        view.Update(key, values);
        Assert.Equal(values.Select(v => Convert.ToHexString(Bytes(v))), view[key].Select(v => Convert.ToHexString(Bytes(v))));
    }

    private static void RoundTripValues<T>(BpfMap map, MapKind kind) where T : unmanaged
    {
        var values = Enumerable.Range(1, 3).Select(Sample<T>).ToArray();
        if (kind == MapKind.BloomFilter)
        {
            using var filter = new BloomFilterView<T>(map);
            foreach (var value in values)
                filter.Add(value);
            Assert.All(values, value => Assert.True(filter.Contains(value)));
            return;
        }
        using var queue = new QueueView<T>(map);
        foreach (var value in values)
            queue.Push(value);
        var expected = queue.IsStack ? values.Reverse() : values;
        Assert.Equal(expected.Select(v => Convert.ToHexString(Bytes(v))), queue.Drain().Select(v => Convert.ToHexString(Bytes(v))));
    }

    private static void RoundTripGlobal<T>(BpfObject loaded, string name) where T : unmanaged
    {
        var value = Sample<T>(name.Length);
        loaded.WriteVariable(name, value);
        Assert.Equal(Convert.ToHexString(Bytes(value)), Convert.ToHexString(Bytes(loaded.ReadVariable<T>(name))));
    }
}
