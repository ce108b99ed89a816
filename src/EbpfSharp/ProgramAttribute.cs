namespace EbpfSharp;

/// <summary>
/// Marks a static method as an eBPF program. The compiler writes it into the object of its declaring class,
/// in the ELF section libbpf expects for the program kind (<see cref="SectionName"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public abstract class ProgramAttribute : Attribute
{
    /// <summary>The ELF section that names the program kind for libbpf, such as <c>xdp</c>.</summary>
    public abstract string SectionName { get; }
}
