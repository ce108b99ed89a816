namespace EbpfSharp.Object;

/// <summary>How libbpf pins a map (libbpf: enum libbpf_pin_type).</summary>
public enum MapPinning
{
    /// <summary>LIBBPF_PIN_NONE</summary>
    None = 0,
    /// <summary>LIBBPF_PIN_BY_NAME: pinned at /sys/fs/bpf/&lt;map name&gt; and reused if present.</summary>
    ByName = 1,
}
