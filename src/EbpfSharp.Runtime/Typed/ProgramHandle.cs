namespace EbpfSharp.Runtime;

/// <summary>
/// A loaded program as a member of a generated class (<c>counter.Count</c>). Links made through it are detached
/// when the owning <see cref="LoadedObject"/> is disposed, or earlier by disposing them.
/// </summary>
public abstract class ProgramHandle
{
    private protected ProgramHandle(LoadedObject owner, BpfProgram program)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(program);
        Owner = owner;
        Program = program;
    }

    /// <summary>The program itself, for what the typed members do not cover.</summary>
    public BpfProgram Program { get; }

    /// <summary>The program's name (the C# method's name).</summary>
    public string Name => Program.Name;

    private protected LoadedObject Owner { get; }

    /// <summary>The kernel's view of the program: instruction counts, JIT size, run statistics.</summary>
    public ProgramInfo GetInfo() => Program.GetInfo();

    /// <summary>Runs the program once or more under BPF_PROG_TEST_RUN.</summary>
    public TestRunResult TestRun(TestRunOptions options) => Program.TestRun(options);

    private protected BpfLink Track(BpfLink link) => Owner.Track(link);

    /// <summary>The program itself, so a typed program goes where a <see cref="BpfProgram"/> is taken (a program array slot).</summary>
    public static implicit operator BpfProgram(ProgramHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return handle.Program;
    }

    /// <inheritdoc/>
    public override string ToString() => Program.ToString();
}
