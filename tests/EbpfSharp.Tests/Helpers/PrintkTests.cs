namespace EbpfSharp.Tests.Helpers;

// Bpf.TraceOutput is process-wide: the tests that print share one collection, which xunit runs one test at a time.
[Collection(nameof(Bpf.TraceOutput))]
public class PrintkTests : IDisposable
{
    private readonly StringWriter _trace = new();
    private readonly TextWriter _previous = Bpf.TraceOutput;

    public PrintkTests() => Bpf.TraceOutput = _trace;

    public void Dispose() => Bpf.TraceOutput = _previous;

    [Theory]
    [InlineData("plain\n", 0UL, "plain\n")]
    [InlineData("%d", 0xFFFFFFFFUL, "-1")]
    [InlineData("%u", 0xFFFFFFFFUL, "4294967295")]
    [InlineData("%i", 0x1_0000_0005UL, "5")]
    [InlineData("%ld", ulong.MaxValue, "-1")]
    [InlineData("%lld", 0x8000_0000_0000_0000UL, "-9223372036854775808")]
    [InlineData("%lu", ulong.MaxValue, "18446744073709551615")]
    [InlineData("%llu", 42UL, "42")]
    [InlineData("%x", 0x1_DEAD_BEEFUL, "deadbeef")]
    [InlineData("%X", 0xBEEFUL, "BEEF")]
    [InlineData("%lx", 0x1_DEAD_BEEFUL, "1deadbeef")]
    [InlineData("%llx", ulong.MaxValue, "ffffffffffffffff")]
    [InlineData("%c", 0x141UL, "A")]
    [InlineData("100%%", 0UL, "100%")]
    [InlineData("[%5d]", 42UL, "[   42]")]
    [InlineData("[%-5d]", 42UL, "[42   ]")]
    [InlineData("[%05d]", 0xFFFFFFD6UL, "[-0042]")]
    [InlineData("[%+d]", 42UL, "[+42]")]
    [InlineData("[% d]", 42UL, "[ 42]")]
    [InlineData("[%+u]", 42UL, "[42]")]
    [InlineData("[%08x]", 0xBEEFUL, "[0000beef]")]
    [InlineData("[%-05d]", 7UL, "[7    ]")]
    [InlineData("[%03c]", 0x41UL, "[  A]")]
    [InlineData("[%1d]", 100UL, "[100]")]
    public void Formats_like_the_kernel_and_returns_the_length(string format, ulong value, string expected)
    {
        long written = Bpf.Printk(format, value);

        Assert.Equal(expected.Length, written);
        Assert.Equal(expected.EndsWith('\n') ? expected : expected + "\n", _trace.ToString());
    }

    [Fact]
    public void Takes_up_to_three_values()
    {
        Assert.Equal(5, Bpf.Printk("%d %d %d", 1, 2, 3));
        Assert.Equal("1 2 3\n", _trace.ToString());
    }

    [Theory]
    [InlineData("%d %d %d %d")]
    [InlineData("%#x")]
    [InlineData("%hd")]
    [InlineData("%q")]
    [InlineData("%lc")]
    [InlineData("%.3d")]
    [InlineData("trailing %")]
    [InlineData("bell \u0007")]
    [InlineData("caf\u00e9")]
    public void Rejects_formats_the_kernel_rejects_with_EINVAL_and_writes_nothing(string format)
    {
        Assert.Equal(-22, Bpf.Printk(format, 1, 2, 3));
        Assert.Equal("", _trace.ToString());
    }

    [Theory]
    [InlineData("%s")]
    [InlineData("%pI4")]
    public void Conversions_that_read_kernel_memory_are_not_supported_on_the_CLR(string format)
    {
        var error = Assert.Throws<NotSupportedException>(() => Bpf.Printk(format, 1));
        Assert.Contains("kernel memory", error.Message);
    }

    [Fact]
    public void Returns_the_full_length_but_traces_at_most_1023_characters()
    {
        long written = Bpf.Printk("%2000d", 1);

        Assert.Equal(2000, written);
        Assert.Equal(1023 + 1, _trace.ToString().Length);
    }

    [Fact]
    public void A_NUL_character_ends_the_traced_line_but_counts_in_the_length()
    {
        Assert.Equal(3, Bpf.Printk("a%cb", 0));
        Assert.Equal("a\n", _trace.ToString());
    }
}
