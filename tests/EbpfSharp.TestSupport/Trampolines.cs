using System.Text;
using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Writing;
using EbpfSharp.Runtime;

namespace EbpfSharp.TestSupport;

/// <summary>
/// Whether this kernel runs programs from BPF trampolines (fentry, fexit), and a way to still put their code
/// through the real verifier where it does not. Some kernels refuse trampoline programs to root with EPERM
/// before verification (this project's CI kernel does: <c>bpftool feature probe</c> says "program_type tracing is
/// NOT available"). An fentry/fexit program's context is the function's arguments as an array of u64, which is
/// also a raw tracepoint's context; so the same instructions, loaded as raw tracepoint programs, are checked by the
/// verifier for everything but the BTF types of the arguments.
/// </summary>
public static class Trampolines
{
    private static readonly Lazy<bool> Probe = new(() =>
    {
        var builder = new ObjectBuilder();
        builder.AddFunction(new FunctionCode("probe", [Alu64.Mov.Imm(Register.R0, 0), Jmp.Exit()])
        {
            SectionName = "fentry/bpf_fentry_test1",
            ReturnTypeId = builder.Types.Integer("int", 4, signed: true),
        });
        try
        {
            using var loaded = BpfObject.Load(builder.Write(), "trampoline_probe");
            return true;
        }
        catch (BpfPermissionException)
        {
            return false;
        }
    });

    /// <summary>Whether an fentry program loads on this kernel (probed once, by loading one).</summary>
    public static bool Available => Probe.Value;

    /// <summary>
    /// <paramref name="elf"/> with every <c>fentry/</c>, <c>fexit/</c> section renamed to a <c>raw_tp/</c> one, in place
    /// (same length: <c>fexit/x…</c> becomes <c>raw_tp/…</c>), so the loader loads those programs as raw tracepoints.
    /// </summary>
    public static byte[] AsRawTracepoints(byte[] elf)
    {
        var bytes = (byte[])elf.Clone();
        Replace(bytes, "fentry/", "raw_tp/");
        Replace(bytes, "fexit/", "raw_tp/");
        return bytes;
    }

    private static void Replace(byte[] bytes, string from, string to)
    {
        var pattern = Encoding.ASCII.GetBytes(from);
        var replacement = Encoding.ASCII.GetBytes(to);
        int position = 0;
        while (bytes.AsSpan(position).IndexOf(pattern) is var found and >= 0)
        {
            position += found;
            // A longer replacement overwrites the first characters of the name after the prefix, never its end.
            int extra = replacement.Length - pattern.Length;
            if (position + replacement.Length >= bytes.Length || bytes.AsSpan(position + pattern.Length, extra + 1).Contains((byte)0))
            {
                position += pattern.Length;
                continue;
            }
            replacement.CopyTo(bytes, position);
            position += replacement.Length;
        }
    }
}
