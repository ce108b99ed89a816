using EbpfSharp.Object;
using EbpfSharp.Object.Btf;

namespace EbpfSharp.Runtime.Loading.Core;

/// <summary>
/// The BTF that CO-RE relocations are resolved against (the running kernel's vmlinux, or a file given with
/// <see cref="LoadOptions.KernelBtfPath"/>), with its named types indexed by essential name (the name without a
/// <c>___flavor</c> suffix) on first use: vmlinux has over 100,000 types.
/// </summary>
internal sealed class CoreTarget
{
    private readonly Lazy<Dictionary<string, int[]>> _byEssentialName;

    public CoreTarget(BtfSection btf, string description)
    {
        Btf = btf;
        Description = description;
        _byEssentialName = new Lazy<Dictionary<string, int[]>>(Index);
    }

    public BtfSection Btf { get; }

    /// <summary>"the running kernel" or "the BTF file /path", for messages.</summary>
    public string Description { get; }

    /// <summary>The ids of the types whose essential name is <paramref name="essentialName"/>, in id order.</summary>
    public IReadOnlyList<int> WithEssentialName(string essentialName) =>
        _byEssentialName.Value.TryGetValue(essentialName, out var ids) ? ids : [];

    /// <summary>Reads a BTF file (raw BTF as in /sys/kernel/btf, or an ELF file with a .BTF section).</summary>
    /// <exception cref="BpfNotFoundException">The file does not exist.</exception>
    /// <exception cref="ObjectFormatException">It is not BTF.</exception>
    public static CoreTarget ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BpfNotFoundException($"The BTF file '{path}' given as LoadOptions.KernelBtfPath does not exist.", Interop.Errno.ENOENT);
        }
        BtfSection btf;
        if (bytes.Length >= 4 && bytes[0] == 0x7f && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F')
        {
            var section = Object.Elf.ElfFile.Read(bytes).FindSection(".BTF")
                ?? throw new ObjectFormatException($"'{path}' (LoadOptions.KernelBtfPath) is an ELF file without a .BTF section.");
            btf = BtfSection.Read(section.Data);
        }
        else
        {
            try
            {
                btf = BtfSection.Read(bytes);
            }
            catch (ObjectFormatException exception)
            {
                throw new ObjectFormatException($"'{path}' (LoadOptions.KernelBtfPath) is not a BTF file: {exception.Message}", exception);
            }
        }
        return new CoreTarget(btf, $"the BTF file {path}");
    }

    private Dictionary<string, int[]> Index()
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var types = Btf.Types;
        for (int i = 0; i < types.Count; i++)
        {
            string name = types[i].Name;
            if (name.Length == 0)
                continue;
            string essential = CoreSpec.EssentialName(name);
            if (!lists.TryGetValue(essential, out var ids))
                lists.Add(essential, ids = []);
            ids.Add(i + 1);
        }
        return lists.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }
}
