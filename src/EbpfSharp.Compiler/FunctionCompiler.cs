using EbpfSharp.Compiler.Analysis;
using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Emit;
using EbpfSharp.Compiler.Import;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Lower;
using EbpfSharp.Compiler.Optimize;
using EbpfSharp.Compiler.Registers;
using Mono.Cecil;

namespace EbpfSharp.Compiler;

/// <summary>
/// The compiler's stages for one function, in order: import (IL → SSA IR, again with a local in memory
/// whenever its address escapes), optimise, lower to what eBPF instructions express, allocate registers,
/// emit.
/// </summary>
internal static class FunctionCompiler
{
    public static EmittedFunction Compile(ProgramModule module, MethodDefinition method, string symbol, Action<IrFunction, string>? trace = null, ProgramShape? shape = null)
    {
        var inMemory = new HashSet<string>();
        while (true)
        {
            var function = new IrFunction(symbol);
            try
            {
                MethodImporter.ImportFunction(new ImportContext(function, module, inMemory) { Program = shape }, method);
            }
            catch (LocalEscapeException escape) when (inMemory.Add(escape.Key))
            {
                continue;
            }
            trace?.Invoke(function, "imported");
            Optimizer.Run(function);
            if (RangeSimplification.Run(function)) Optimizer.Run(function);
            trace?.Invoke(function, "optimised");
            if (shape is not null)
                ContextAccessCheck.Run(function, shape, module.Debug.Locate(method, 0));
            FrameAccessLowering.Run(function);
            DeadCodeElimination.Run(function);   // frame addresses that only loads and stores used
            FrameStoreElimination.Run(function);
            PowerOfTwoDivision.Run(function);
            WideMaskLowering.Run(function);
            if (module.Options.Isa < IsaVersion.V4)
                SignedDivisionLowering.Run(function);
            CompareLowering.Run(function, module.Options.Isa);
            PhiElimination.Run(function);
            ConstantOperands.Run(function);
            BlockLayout.Run(function);
            LoopExitPlacement.Run(function);
            trace?.Invoke(function, "lowered");
            var registers = RegisterAllocator.Allocate(function);
            trace?.Invoke(function, "allocated");
            var emitted = FunctionEmitter.Emit(function, registers, module.Options.Isa, symbol);
            if (emitted.StackBytes > 512)
                throw new CompileErrorException(CompilerDiagnosticIds.StackTooLarge,
                    $"'{method.DeclaringType.Name}.{method.Name}' needs {emitted.StackBytes} bytes of stack; eBPF allows 512. Make locals and stackalloc buffers smaller, or keep large data in a per-CPU array map.",
                    module.Debug.Locate(method, 0));
            return emitted;
        }
    }
}
