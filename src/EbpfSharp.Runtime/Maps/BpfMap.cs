using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

/// <summary>
/// A map in the kernel, owned through its file descriptor. Disposing it closes the descriptor; the kernel
/// frees the map when no program, pin or descriptor refers to it any more.
/// </summary>
public sealed partial class BpfMap : IDisposable
{
    private BpfMap(BpfFileDescriptor handle, string name, BpfMapType type, int keySize, int valueSize, int maxEntries, BpfMapFlags flags)
    {
        Handle = handle;
        Name = name;
        Type = type;
        KeySize = keySize;
        ValueSize = valueSize;
        MaxEntries = maxEntries;
        Flags = flags;
        // Stored rather than computed: every element call checks its value buffer against ValueBufferSize.
        IsPerCpu = type is BpfMapType.PerCpuHash or BpfMapType.PerCpuArray or BpfMapType.LruPerCpuHash or BpfMapType.PerCpuCgroupStorage;
        ValueBufferSize = IsPerCpu ? PerCpuSlotSize * PossibleCpuCount : valueSize;
    }

    /// <summary>The map's file descriptor.</summary>
    public BpfFileDescriptor Handle { get; }

    /// <summary>The map's name (as given; the kernel keeps at most 15 characters).</summary>
    public string Name { get; }

    /// <summary>The map type.</summary>
    public BpfMapType Type { get; }

    /// <summary>Bytes per key.</summary>
    public int KeySize { get; }

    /// <summary>Bytes per value (for per-CPU maps, per CPU).</summary>
    public int ValueSize { get; }

    /// <summary>Capacity.</summary>
    public int MaxEntries { get; }

    /// <summary>Creation flags.</summary>
    public BpfMapFlags Flags { get; }

    /// <summary>Creates a map. <paramref name="btf"/> supplies the key and value types named in the definition.</summary>
    /// <exception cref="BpfException">The kernel refused; the message names the map and the reason.</exception>
    public static unsafe BpfMap Create(MapDefinition definition, BtfObject? btf = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        BpfMap? inner = definition.InnerMap is { } innerDefinition ? Create(innerDefinition with { Name = definition.Name + ".inner" }) : null;
        try
        {
            var attributes = new MapCreateAttributes
            {
                MapType = (uint)definition.Type,
                KeySize = (uint)definition.KeySize,
                ValueSize = (uint)definition.ValueSize,
                MaxEntries = (uint)definition.MaxEntries,
                MapFlags = (uint)definition.Flags,
                NumaNode = (uint)definition.NumaNode,
                MapExtra = definition.MapExtra,
            };
            KernelName.Write(definition.Name, attributes.MapName);
            using var innerLease = inner is null ? default : inner.Handle.Borrow();
            if (inner is not null)
                attributes.InnerMapFd = (uint)innerLease.Fd;

            BpfFileDescriptor handle;
            if (btf is not null && (definition.BtfKeyTypeId != 0 || definition.BtfValueTypeId != 0))
            {
                using var btfLease = btf.Handle.Borrow();
                attributes.BtfFd = (uint)btfLease.Fd;
                attributes.BtfKeyTypeId = (uint)definition.BtfKeyTypeId;
                attributes.BtfValueTypeId = (uint)definition.BtfValueTypeId;
                long result = BpfSyscall.Call(BpfCommand.MapCreate, &attributes, sizeof(MapCreateAttributes));
                if (result >= 0)
                    return new BpfMap(new BpfFileDescriptor((int)result), definition.Name, definition.Type, definition.KeySize,
                        definition.ValueSize, definition.MaxEntries, definition.Flags);
                // Like libbpf: a kernel that refuses the BTF types still gets the map, without them.
                attributes.BtfFd = 0;
                attributes.BtfKeyTypeId = 0;
                attributes.BtfValueTypeId = 0;
            }
            handle = BpfSyscall.InvokeForDescriptor(BpfCommand.MapCreate, ref attributes,
                () => $"Creating {definition.Type} map '{definition.Name}' (key {definition.KeySize} B, value {definition.ValueSize} B, {definition.MaxEntries} entries)");
            return new BpfMap(handle, definition.Name, definition.Type, definition.KeySize, definition.ValueSize, definition.MaxEntries, definition.Flags);
        }
        finally
        {
            inner?.Dispose();
        }
    }

    /// <summary>Closes the map's descriptor.</summary>
    public void Dispose() => Handle.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Type} map '{Name}' (key {KeySize} B, value {ValueSize} B, {MaxEntries} entries)";
}
