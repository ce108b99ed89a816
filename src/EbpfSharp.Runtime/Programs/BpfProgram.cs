using System.Text;
using EbpfSharp.Object;
using EbpfSharp.Runtime.Interop;
using EbpfSharp.Runtime.Interop.Attributes;

namespace EbpfSharp.Runtime;

/// <summary>
/// A program loaded into the kernel, owned through its file descriptor. Attach it, test-run it, or pin it;
/// disposing it closes the descriptor (attachments hold their own references).
/// </summary>
public sealed partial class BpfProgram : IDisposable
{
    private const int InitialLogSize = 256 * 1024;
    private const int MaximumLogSize = 64 * 1024 * 1024;
    private const int LoadAttemptsOnEagain = 5;

    private BpfProgram(BpfFileDescriptor handle, string name, BpfProgramType type, BpfAttachType expectedAttachType, int instructionCount, string? verifierLog)
    {
        Handle = handle;
        Name = name;
        Type = type;
        ExpectedAttachType = expectedAttachType;
        InstructionCount = instructionCount;
        VerifierLog = verifierLog;
    }

    /// <summary>The program's file descriptor.</summary>
    public BpfFileDescriptor Handle { get; }

    /// <summary>The program's name (as given; the kernel keeps at most 15 characters).</summary>
    public string Name { get; }

    /// <summary>The program type.</summary>
    public BpfProgramType Type { get; }

    /// <summary>The expected attach type it was loaded with.</summary>
    public BpfAttachType ExpectedAttachType { get; }

    /// <summary>The number of instruction slots loaded (0 when opened from a pin).</summary>
    public int InstructionCount { get; }

    /// <summary>The verifier's log of a successful load, when a log level was asked for.</summary>
    public string? VerifierLog { get; }

    /// <summary>
    /// Loads a program. On rejection the load is repeated with a verifier log, which the
    /// <see cref="BpfVerifierException"/> carries in full.
    /// </summary>
    /// <exception cref="BpfVerifierException">The verifier rejected the program.</exception>
    /// <exception cref="BpfException">The kernel refused for another reason (permissions, limits).</exception>
    public static unsafe BpfProgram Load(ProgramDefinition definition, VerifierLogLevel logLevel = VerifierLogLevel.OnFailure)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Code.Length == 0 || definition.Code.Length % 8 != 0)
            throw new ArgumentException($"Program '{definition.Name}' has {definition.Code.Length} bytes of code; it needs a positive multiple of 8.", nameof(definition));
        if ((definition.FunctionInfos.Count > 0 || definition.LineInfos.Count > 0) && definition.Btf is null)
            throw new ArgumentException($"Program '{definition.Name}' has func_info or line_info but no BTF to resolve them.", nameof(definition));

        var license = Encoding.UTF8.GetBytes(definition.License + "\0");
        var functionInfos = definition.FunctionInfos.ToArray();
        var lineInfos = definition.LineInfos.ToArray();
        using var btfLease = definition.Btf is null ? default : definition.Btf.Handle.Borrow();
        using var attachLease = definition.AttachBtfObject is null ? default : definition.AttachBtfObject.Borrow();
        fixed (byte* code = definition.Code.Span)
        fixed (byte* licenseText = license)
        fixed (KernelFunctionInfo* functionInfo = functionInfos)
        fixed (KernelLineInfo* lineInfo = lineInfos)
        {
            var attributes = new ProgramLoadAttributes
            {
                ProgramType = (uint)definition.Type,
                InstructionCount = (uint)definition.InstructionCount,
                Instructions = (ulong)code,
                License = (ulong)licenseText,
                ProgramFlags = (uint)definition.Flags,
                ExpectedAttachType = (uint)definition.ExpectedAttachType,
                AttachBtfId = (uint)definition.AttachBtfId,
            };
            KernelName.Write(definition.Name, attributes.ProgramName);
            if (definition.Btf is not null)
            {
                attributes.ProgramBtfFd = (uint)btfLease.Fd;
                if (functionInfos.Length > 0)
                {
                    attributes.FunctionInfoRecordSize = (uint)sizeof(KernelFunctionInfo);
                    attributes.FunctionInfo = (ulong)functionInfo;
                    attributes.FunctionInfoCount = (uint)functionInfos.Length;
                }
                if (lineInfos.Length > 0)
                {
                    attributes.LineInfoRecordSize = (uint)sizeof(KernelLineInfo);
                    attributes.LineInfo = (ulong)lineInfo;
                    attributes.LineInfoCount = (uint)lineInfos.Length;
                }
            }
            if (definition.AttachBtfObject is not null)
                attributes.AttachBtfObjectFd = (uint)attachLease.Fd;

            return LoadWithLog(definition, ref attributes, logLevel);
        }
    }

    private static unsafe BpfProgram LoadWithLog(ProgramDefinition definition, ref ProgramLoadAttributes attributes, VerifierLogLevel logLevel)
    {
        int logSize = logLevel == VerifierLogLevel.OnFailure ? 0 : InitialLogSize;
        while (true)
        {
            var log = logSize == 0 ? null : new byte[logSize];
            long result;
            fixed (byte* logBuffer = log)
            {
                attributes.LogLevel = log is null ? 0 : (uint)(logLevel == VerifierLogLevel.OnFailure ? VerifierLogLevel.Basic : logLevel);
                attributes.LogSize = (uint)(log?.Length ?? 0);
                attributes.LogBuffer = (ulong)logBuffer;
                attributes.LogTrueSize = 0;
                result = CallWithRetry(ref attributes);
            }
            if (result >= 0)
            {
                string? text = log is null ? null : LogText(log);
                return new BpfProgram(new BpfFileDescriptor((int)result), definition.Name, definition.Type, definition.ExpectedAttachType,
                    definition.InstructionCount, logLevel == VerifierLogLevel.OnFailure ? null : text) { SectionName = definition.SectionName };
            }

            int errno = (int)-result;
            if (errno is Errno.EPERM)
                throw PermissionError(definition);
            if (log is null)
            {
                // Failed without a log: load again with one to learn why.
                logSize = InitialLogSize;
                continue;
            }
            // The log was cut short: the kernel (6.4+) says how much it needed.
            if (errno == Errno.ENOSPC && attributes.LogTrueSize > log.Length && log.Length < MaximumLogSize)
            {
                logSize = (int)Math.Min(MaximumLogSize, attributes.LogTrueSize + 1);
                continue;
            }
            string verifierLog = LogText(log);
            if (verifierLog.Length == 0)
                throw BpfErrors.FromErrno(errno, BpfCommand.ProgramLoad, $"Loading program '{definition.Name}' ({definition.Type}, {definition.InstructionCount} instructions)");
            throw new BpfVerifierException(definition.Name, errno, verifierLog);
        }
    }

    private static BpfException PermissionError(ProgramDefinition definition)
    {
        bool trampoline = definition.Type is BpfProgramType.Tracing or BpfProgramType.Lsm or BpfProgramType.Extension
            && definition.ExpectedAttachType is not (BpfAttachType.TraceRawTracepoint or BpfAttachType.TraceIterator);
        if (trampoline && Environment.IsPrivilegedProcess)
        {
            // Root already has CAP_BPF and CAP_PERFMON: the refusal comes from a policy on BPF trampolines.
            return new BpfPermissionException(
                $"Loading {definition.Type} program '{definition.Name}' (section '{definition.SectionName}') failed: bpf(BPF_PROG_LOAD) returned EPERM although the process is root. " +
                "fentry, fexit, fmod_ret and lsm programs run from BPF trampolines, and this kernel refuses them before verification " +
                "(`bpftool feature probe kernel` then reports \"program_type tracing is NOT available\"; causes include a security policy such as lockdown or a BPF LSM program, " +
                "or a kernel that cannot attach trampolines). A kprobe or kretprobe on the same function, a tracepoint, raw tracepoint or tp_btf program on a nearby event, " +
                "or a uprobe for user-space code may still load.", Errno.EPERM);
        }
        return BpfErrors.FromErrno(Errno.EPERM, BpfCommand.ProgramLoad, $"Loading program '{definition.Name}'");
    }

    private static unsafe long CallWithRetry(ref ProgramLoadAttributes attributes)
    {
        long result = 0;
        // The kernel may ask for a retry (EAGAIN) under memory pressure; libbpf retries five times too.
        for (int attempt = 0; attempt < LoadAttemptsOnEagain; attempt++)
        {
            fixed (ProgramLoadAttributes* pointer = &attributes)
                result = BpfSyscall.Call(BpfCommand.ProgramLoad, pointer, sizeof(ProgramLoadAttributes));
            if (result != -Errno.EAGAIN)
                break;
        }
        return result;
    }

    private static string LogText(byte[] log)
    {
        int end = Array.IndexOf(log, (byte)0);
        return Encoding.UTF8.GetString(log, 0, end < 0 ? log.Length : end).TrimEnd();
    }

    /// <summary>Runs the program once or <see cref="TestRunOptions.Repeat"/> times under BPF_PROG_TEST_RUN.</summary>
    /// <exception cref="BpfException">The program type cannot be test-run, or the input is invalid (for XDP, at least 14 bytes).</exception>
    public unsafe TestRunResult TestRun(TestRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int dataOutSize = options.Data.Length == 0 ? 0 : options.Data.Length + 4096;
        // Raw tracepoints run exactly once and refuse any repeat count, even 1 (kernel: net/bpf/test_run.c).
        uint repeat = Type is BpfProgramType.RawTracepoint or BpfProgramType.RawTracepointWritable && options.Repeat <= 1 ? 0 : options.Repeat;
        while (true)
        {
            var dataOut = new byte[dataOutSize];
            var contextOut = new byte[options.ContextOutSize];
            using var lease = Handle.Borrow();
            fixed (byte* dataIn = options.Data.Span)
            fixed (byte* dataOutPointer = dataOut)
            fixed (byte* contextIn = options.Context.Span)
            fixed (byte* contextOutPointer = contextOut)
            {
                var attributes = new TestRunAttributes
                {
                    ProgramFd = (uint)lease.Fd,
                    DataSizeIn = (uint)options.Data.Length,
                    DataSizeOut = (uint)dataOut.Length,
                    DataIn = options.Data.Length == 0 ? 0 : (ulong)dataIn,
                    DataOut = options.Data.Length == 0 ? 0 : (ulong)dataOutPointer,
                    Repeat = repeat,
                    ContextSizeIn = (uint)options.Context.Length,
                    ContextSizeOut = (uint)contextOut.Length,
                    ContextIn = options.Context.Length == 0 ? 0 : (ulong)contextIn,
                    ContextOut = contextOut.Length == 0 ? 0 : (ulong)contextOutPointer,
                    Flags = (uint)options.Flags,
                    Cpu = options.Cpu,
                    BatchSize = options.BatchSize,
                };
                long result = BpfSyscall.Call(BpfCommand.ProgramTestRun, &attributes, sizeof(TestRunAttributes));
                if (result == -Errno.ENOSPC && attributes.DataSizeOut > dataOut.Length)
                {
                    dataOutSize = (int)attributes.DataSizeOut;
                    continue;
                }
                if (result < 0)
                    throw TestRunError((int)-result, options);
                Array.Resize(ref dataOut, (int)Math.Min(attributes.DataSizeOut, (uint)dataOut.Length));
                Array.Resize(ref contextOut, (int)Math.Min(attributes.ContextSizeOut, (uint)contextOut.Length));
                return new TestRunResult(attributes.ReturnValue, dataOut, contextOut, attributes.Duration);
            }
        }
    }

    private BpfException TestRunError(int errno, TestRunOptions options)
    {
        string operation = $"Test-running {Type} program '{Name}' on {options.Data.Length} bytes";
        return errno switch
        {
            Errno.EINVAL when Type == BpfProgramType.Xdp && options.Data.Length < 14 => new BpfInvalidArgumentException(
                $"{operation} failed: an XDP test run needs at least a 14-byte Ethernet header.", errno),
            Errno.ENOTSUPP or Errno.EOPNOTSUPP => new BpfNotSupportedException(
                $"{operation} failed: the kernel cannot test-run {Type} programs.", errno),
            _ => BpfErrors.FromErrno(errno, BpfCommand.ProgramTestRun, operation),
        };
    }

    /// <summary>What the kernel reports about the program: instruction counts, JIT size, verifier work, maps.</summary>
    public unsafe ProgramInfo GetInfo()
    {
        using var lease = Handle.Borrow();
        var info = new ProgramInfoAttributes();
        QueryInfo(lease.Fd, ref info);
        var mapIds = new uint[info.MapIdCount];
        if (mapIds.Length > 0)
        {
            fixed (uint* ids = mapIds)
            {
                uint count = info.MapIdCount;
                info = new ProgramInfoAttributes { MapIdCount = count, MapIds = (ulong)ids };
                QueryInfo(lease.Fd, ref info);
            }
        }
        return new ProgramInfo(
            info.Id,
            (BpfProgramType)info.Type,
            KernelName.Read(info.Name),
            Convert.ToHexString(new ReadOnlySpan<byte>(info.Tag, 8)).ToLowerInvariant(),
            (int)(info.TranslatedProgramLength / 8),
            (int)info.JitedProgramLength,
            (int)info.VerifiedInstructions,
            mapIds,
            info.BtfId,
            info.RunCount,
            info.RunTimeNanoseconds,
            (info.GplCompatible & 1) != 0);
    }

    private unsafe void QueryInfo(int fd, ref ProgramInfoAttributes info)
    {
        fixed (ProgramInfoAttributes* pointer = &info)
        {
            var attributes = new ObjectInfoAttributes { BpfFd = (uint)fd, InfoLength = (uint)sizeof(ProgramInfoAttributes), Info = (ulong)pointer };
            BpfSyscall.Invoke(BpfCommand.ObjectGetInfoByFd, ref attributes, () => $"Reading information about program '{Name}'");
        }
    }

    /// <summary>Pins the program at <paramref name="path"/> in a bpf filesystem, so it outlives this process.</summary>
    public void Pin(string path) => ObjectPaths.Pin(Handle, path, $"program '{Name}'");

    /// <summary>Opens a program pinned at <paramref name="path"/> (for example by <c>bpftool prog loadall</c>).</summary>
    public static BpfProgram OpenPinned(string path)
    {
        var handle = ObjectPaths.Open(path, DescriptorFacts.Program, "program");
        try
        {
            var program = new BpfProgram(handle, Path.GetFileName(path), BpfProgramType.Unspecified, BpfAttachType.None, 0, null);
            var info = program.GetInfo();
            return new BpfProgram(handle, info.Name, info.Type, BpfAttachType.None, 0, null);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Closes the program's descriptor.</summary>
    public void Dispose() => Handle.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Type} program '{Name}'";
}
