using EbpfSharp.Object.Tests.Writing;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Runtime.Tests.Loading;

/// <summary>
/// Typed global variables of <see cref="SampleObjects.CounterWithEverything"/>: each run adds the .rodata
/// <c>bonus</c> (40) plus one to the .bss <c>total</c>.
/// </summary>
public class GlobalVariableTests
{
    private static readonly TestRunOptions Packet = new() { Data = new byte[64] };

    private static ObjectSpec ReadCounter() => ObjectSpec.Read(SampleObjects.CounterWithEverything().Write(), "counter");

    [KernelFact]
    public void A_global_variable_reads_what_programs_wrote_and_programs_see_what_it_writes()
    {
        using var loaded = ReadCounter().Load();
        var program = loaded.Program("count_packets");
        var total = loaded.Variable<ulong>("total");

        program.TestRun(Packet);
        program.TestRun(Packet);
        Assert.Equal(82ul, total.Value);

        total.Value = 1000;
        program.TestRun(Packet);

        Assert.Equal(1041ul, total.Value);
        Assert.Equal(1041ul, loaded.ReadVariable<ulong>("total"));
        Assert.Equal(".bss", total.SectionName);
        Assert.False(total.IsReadOnly);
    }

    [KernelFact]
    public void A_rodata_variable_reads_but_refuses_writes_after_load()
    {
        using var loaded = ReadCounter().Load();
        var bonus = loaded.Variable<uint>("bonus");

        var error = Assert.Throws<InvalidOperationException>(() => bonus.Value = 1);

        Assert.Equal(40u, bonus.Value);
        Assert.True(bonus.IsReadOnly);
        Assert.Contains("before loading", error.Message);
        Assert.Throws<InvalidOperationException>(() => loaded.WriteVariable("bonus", 1u));
    }

    [KernelFact]
    public void A_config_variable_set_before_load_changes_what_the_program_does()
    {
        var spec = ReadCounter();
        var bonus = spec.Variable<uint>("bonus");
        Assert.Equal(40u, bonus.Value);

        bonus.Value = 9;
        using var loaded = spec.Load();
        loaded.Program("count_packets").TestRun(Packet);

        Assert.Equal(10ul, loaded.Variable<ulong>("total").Value);
        Assert.Equal(9u, loaded.Variable<uint>("bonus").Value);
    }

    [KernelFact]
    public void Variables_check_their_type_size_and_name()
    {
        var spec = ReadCounter();
        using var loaded = spec.Load();

        var size = Assert.Throws<ArgumentException>(() => loaded.Variable<uint>("total"));
        var name = Assert.Throws<KeyNotFoundException>(() => loaded.Variable<ulong>("totl"));
        var configSize = Assert.Throws<ArgumentException>(() => spec.Variable<ulong>("bonus"));

        Assert.Contains("'total' is 8 bytes, but UInt32 is 4", size.Message);
        Assert.Contains("Its variables: bonus, total", name.Message);
        Assert.Contains("'bonus' is 4 bytes, but UInt64 is 8", configSize.Message);
    }

    [KernelFact]
    public void A_variable_of_a_disposed_object_refuses_access()
    {
        var loaded = ReadCounter().Load();
        var total = loaded.Variable<ulong>("total");
        Assert.Equal(0ul, total.Value);

        loaded.Dispose();

        Assert.Throws<ObjectDisposedException>(() => total.Value);
    }
}
