using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Import;

// Tracing programs: typed parameters read from the context on entry, and PtRegs members as context loads.
internal sealed partial class MethodImporter
{
    private const string PtRegsType = "EbpfSharp.PtRegs";

    /// <summary>
    /// The values a program's parameters start with when some are read from the context: R1 is the context;
    /// a <c>PtRegs*</c> or record parameter is R1 itself, a typed one an 8-byte load at a constant offset from the
    /// unmodified R1 (a pt_regs register, or a trampoline's u64 argument slot), narrowed to the parameter's type
    /// when it is bound.
    /// </summary>
    private List<StackEntry> ProgramParameters(ProgramShape program)
    {
        var context = Function.New(IrOpcode.Parameter, true);
        context.Immediate = 0;
        _entry.Append(context);
        var parameters = new List<StackEntry>();
        foreach (var binding in program.Parameters)
        {
            if (binding.IsContext)
            {
                parameters.Add(new ValueEntry(context, StackKind.NativeInt));
                continue;
            }
            var load = Function.New(IrOpcode.Load, true, context);
            load.Immediate = binding.Offset;
            load.Size = binding.Size;
            _entry.Append(load);
            parameters.Add(new ValueEntry(load, StackKind.NativeInt));
        }
        return parameters;
    }

    /// <summary>
    /// <c>regs-&gt;Arg(n)</c>, <c>ReturnValue</c>, <c>InstructionPointer</c>, <c>StackPointer</c>, <c>FramePointer</c>:
    /// one 8-byte load from the registers at the target architecture's offset in <c>struct pt_regs</c>.
    /// </summary>
    private bool PtRegsIntrinsic(MethodReference method)
    {
        var architecture = _context.Module.Options.TargetArchitecture;
        int offset;
        switch (method.Name)
        {
            case "Arg" when method.Parameters.Count == 1:
                var index = PopValue();
                int max = ProbeRegisters.MaxArguments(architecture);
                if (index.Value is not IrConstant constant)
                    throw Error(CompilerDiagnosticIds.PtRegsArgumentIndex,
                        $"'PtRegs.Arg' is called with an index that is not a constant; each argument is a different register, so the index must be known when compiling. Write regs->Arg(0) to regs->Arg({max - 1}), or declare the arguments as typed parameters of the program.");
                int n = constant.Int32;
                if (n < 0 || n >= max)
                    throw Error(CompilerDiagnosticIds.PtRegsArgumentRange,
                        $"'PtRegs.Arg({n})' reads past the argument registers: on {ProbeRegisters.Name(architecture)} a probe sees arguments 0 to {max - 1} ({ProbeRegisters.ArgumentNames(architecture)}). Later arguments are on the stack: read them with Bpf.ProbeReadUser/ProbeReadKernel from regs->StackPointer.");
                offset = ProbeRegisters.Argument(architecture, n);
                break;
            case "get_ReturnValue":
                offset = ProbeRegisters.ReturnValue(architecture);
                break;
            case "get_InstructionPointer":
                offset = ProbeRegisters.InstructionPointer(architecture);
                break;
            case "get_StackPointer":
                offset = ProbeRegisters.StackPointer(architecture);
                break;
            case "get_FramePointer":
                offset = ProbeRegisters.FramePointer(architecture);
                break;
            default:
                return false;
        }
        var registers = AddressOf(Pop());
        var load = Emit(IrOpcode.Load, true, registers);
        load.Immediate = offset;
        load.Size = 8;
        PushValue(load, StackKind.Int64);
        return true;
    }
}
