using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Metadata;
using EbpfSharp.Object.Instructions;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Import;

// Calls: helpers, context fields, intrinsics, inlined bodies and BPF-to-BPF calls.
internal sealed partial class MethodImporter
{
    /// <summary>Methods longer than this (IL bytes) become subprograms when their signature allows.</summary>
    private const int InlineLimit = 400;

    private void Call(MethodReference reference, bool virtualCall, bool constrained)
    {
        if (TryIntrinsic(reference))
            return;
        var method = ResolveMethod(reference);
        var generics = GenericContext.For(reference, _generics);
        if (Attributes.HelperId(method) is int helper)
        {
            CallHelper(method, generics, helper);
            return;
        }
        if (Attributes.IsClrOnly(method) || MapTypes.IsMapFamily(method.DeclaringType) && method.IsVirtual)
            throw Error(CompilerDiagnosticIds.ClrOnlyMember, $"'{Describe(method)}' works on the CLR only (in unit tests and host code); a program cannot call it. In the host, read the map through the loaded object instead.");
        if (Attributes.ContextField(method) is var (offset, size))
        {
            var context = AddressOf(Pop());
            var load = Emit(IrOpcode.Load, size == 8 || method.ReturnType.IsPointer, context);
            load.Immediate = offset;
            load.Size = size;
            if (method.ReturnType.IsPointer)
                load.ContextPointer = method.Name switch { "get_Data" => ContextPointer.PacketStart, "get_DataEnd" => ContextPointer.PacketEnd, _ => ContextPointer.Other };
            PushValue(load, load.Wide ? StackKind.NativeInt : StackKind.Int32);
            return;
        }
        if (method.IsVirtual && !method.IsFinal && virtualCall && !method.DeclaringType.IsSealed || method.IsAbstract || constrained && method.IsVirtual)
            throw Error(CompilerDiagnosticIds.VirtualCall, $"'{Describe(method)}' is a virtual or interface call; the verifier accepts only calls to known functions. Call a static or struct method instead.");
        if (method.DeclaringType.Namespace.StartsWith("System", StringComparison.Ordinal))
            throw UnsupportedCall(method);
        var arguments = PopArguments(method);
        Invoke(method, generics, arguments);
    }

    private void NewObject(MethodReference constructor)
    {
        var method = ResolveMethod(constructor);
        var type = Resolve(constructor.DeclaringType);
        if (!type.IsValueType)
            throw Error(CompilerDiagnosticIds.ClassAllocation, $"'new {type.Name}(...)' allocates a class instance on the managed heap, which eBPF programs cannot reach. Use a struct (on the stack) or a map value.");
        var frame = NewFrame($"new#{Function.Frames.Count}", SizeOf(type));
        var arguments = new List<StackEntry> { new ValueEntry(FrameAddress(frame), StackKind.NativeInt) };
        arguments.AddRange(PopArguments(method, includeThis: false));   // newobj makes 'this'; the stack holds only the parameters
        ZeroMemory(((ValueEntry)arguments[0]).Value, frame.Size);
        Invoke(method, GenericContext.For(constructor, _generics), arguments);
        Push(new StructEntry(FrameAddress(frame), type));
    }

    private CompileErrorException UnsupportedCall(MethodReference method) =>
        method.DeclaringType.FullName == "System.String" || method.Parameters.Any(parameter => parameter.ParameterType.MetadataType == MetadataType.String)
            ? Error(CompilerDiagnosticIds.StringOperation, $"'{Describe(method)}' works on strings; eBPF programs have no managed strings. Use byte buffers (fixed byte[N]) and literal formats for Bpf.Printk.")
            : Error(CompilerDiagnosticIds.UnsupportedCall, $"'{Describe(method)}' has no eBPF translation: a program can call only static and struct methods with IL in your assemblies, Bpf helpers and EbpfSharp's own API.");

    private List<StackEntry> PopArguments(MethodDefinition method, bool includeThis = true)
    {
        int count = method.Parameters.Count + (method.HasThis && includeThis ? 1 : 0);
        var arguments = new StackEntry[count];
        for (int i = count - 1; i >= 0; i--)
            arguments[i] = Pop();
        return [.. arguments];
    }

    private MethodDefinition ResolveMethod(MethodReference reference)
    {
        MethodDefinition? method = null;
        try
        {
            method = reference.Resolve();
        }
        catch (AssemblyResolutionException)
        {
        }
        if (method is null && reference.DeclaringType.Namespace.StartsWith("System", StringComparison.Ordinal))
            throw UnsupportedCall(reference);
        return method ?? throw Error(CompilerDiagnosticIds.UnreadableAssembly, $"'{reference.FullName}' cannot be found: its assembly was not found beside the program's assembly.");
    }

    private void Invoke(MethodDefinition method, GenericContext generics, List<StackEntry> arguments)
    {
        if (!method.HasBody)
            throw UnsupportedCall(method);
        if (!method.IsStatic && !method.DeclaringType.IsValueType && !ProgramContexts.IsContext(method.DeclaringType) && !MapTypes.IsMapFamily(method.DeclaringType))
            throw Error(CompilerDiagnosticIds.ManagedReference, $"'{Describe(method)}' is an instance method of a class; eBPF programs cannot hold class instances. Make it static, or a struct method.");
        if (_context.InlineStack.Contains(method))
            throw Error(CompilerDiagnosticIds.Recursion, $"'{Describe(method)}' calls itself (directly or through other methods); the verifier rejects recursion. Rewrite it as a bounded loop.");
        SpillPendingStructs();

        bool prefersCall = Attributes.IsNoInlining(method) || method.Body.CodeSize > InlineLimit;
        if (prefersCall && !method.HasGenericParameters && !method.DeclaringType.HasGenericParameters && SubprogramProblem(method) is null)
        {
            CallSubprogram(method, arguments);
            return;
        }
        if (Attributes.IsNoInlining(method) && SubprogramProblem(method) is { } problem)
            throw Error(CompilerDiagnosticIds.SubprogramSignature, $"'{Describe(method)}' is marked NoInlining, so it must be a BPF-to-BPF call, but {problem}.");
        Inline(method, generics, arguments);
    }

    private void Inline(MethodDefinition method, GenericContext generics, List<StackEntry> arguments)
    {
        var returnType = generics.Resolve(method.ReturnType);
        var continuation = Function.NewBlock();
        Variable? returnVariable = null;
        FrameObject? returnStruct = null;
        if (returnType.MetadataType != MetadataType.Void)
        {
            if (TypeLayouts.Scalar(returnType) is { } scalar)
                returnVariable = new Variable($"{method.Name}.return#{_context.InstanceCount}", scalar);
            else
                returnStruct = NewFrame($"return#{Function.Frames.Count}", SizeOf(returnType));
        }
        bool sameModule = method.Module == _method.Module && _callSite is null;
        var callee = new MethodImporter(_context, method, generics, _block,
            new Instance { Number = _context.InstanceCount++, Continuation = continuation, ReturnVariable = returnVariable, ReturnStruct = returnStruct },
            sameModule ? null : _location);
        _context.InlineStack.Add(method);
        callee.Run(arguments);
        _context.InlineStack.RemoveAt(_context.InlineStack.Count - 1);
        Ssa.Seal(continuation);
        _block = continuation;
        if (returnVariable is not null)
            PushScalar(Ssa.Read(returnVariable, continuation), returnVariable.Type, returnType);
        else if (returnStruct is not null)
            Push(new StructEntry(FrameAddress(returnStruct), returnType));
    }

    /// <summary>Why a method cannot be a BPF-to-BPF subprogram (arguments and result must fit registers), or null.</summary>
    private static string? SubprogramProblem(MethodDefinition method)
    {
        int count = method.Parameters.Count + (method.HasThis ? 1 : 0);
        if (count > 5)
            return $"it has {count} parameters and eBPF passes at most 5, in R1–R5";
        if (method.Parameters.FirstOrDefault(parameter => TypeLayouts.Scalar(parameter.ParameterType) is null) is { } structure)
            return $"parameter '{structure.Name}' is a struct passed by value; pass it by reference (in/ref) or by pointer";
        if (method.ReturnType.MetadataType != MetadataType.Void && TypeLayouts.Scalar(method.ReturnType) is null)
            return "it returns a struct; return it through an out parameter";
        return null;
    }

    private void CallSubprogram(MethodDefinition method, List<StackEntry> arguments)
    {
        var values = arguments.Select((argument, i) => ArgumentValue(argument, method, i)).ToArray();
        var call = Emit(IrOpcode.CallFunction, true, values);
        call.Symbol = _context.Module.RequestSubprogram(method);
        var returnType = method.ReturnType;
        call.ProducesValue = returnType.MetadataType != MetadataType.Void;
        if (call.ProducesValue)
        {
            var scalar = TypeLayouts.Scalar(returnType)!.Value;
            // The callee returns its value in the same form this side keeps it (32-bit values zero-extended).
            call.Wide = scalar.Wide;
            PushScalar(call, scalar, returnType);
        }
    }

    private IrValue ArgumentValue(StackEntry argument, MethodDefinition method, int index)
    {
        _stack.Add(argument);
        var value = PopValue().Value;
        bool hasThis = method.HasThis;
        var type = hasThis && index == 0 ? (TypeReference)new PointerType(method.DeclaringType) : method.Parameters[index - (hasThis ? 1 : 0)].ParameterType;
        return Normalize(value, TypeLayouts.Scalar(type) ?? ScalarType.Pointer);
    }

    private void CallHelper(MethodDefinition method, GenericContext generics, int helper)
    {
        var arguments = PopArguments(method);
        var registers = new List<IrValue>();
        foreach (var argument in arguments)
        {
            if (argument is StringEntry text)
            {
                var (symbol, length) = _context.Module.InternString(text.Text);
                var address = Emit(IrOpcode.SymbolAddress, true);
                address.Symbol = symbol;
                registers.Add(address);
                registers.Add(IrConstant.Of32(length));
                continue;
            }
            _stack.Add(argument);
            registers.Add(PopValue().Value);
        }
        if (helper == TailCallHelper)
        {
            TailCall(registers);
            return;
        }
        if (registers.Count > 5)
            throw Error(CompilerDiagnosticIds.SubprogramSignature, $"'{Describe(method)}' would pass {registers.Count} values to the kernel helper; helpers take at most 5.");
        SpillPendingStructs();
        var call = Emit(IrOpcode.CallHelper, true, [.. registers]);
        call.Immediate = helper;
        var returnType = generics.Resolve(method.ReturnType);
        call.ProducesValue = returnType.MetadataType != MetadataType.Void;
        if (call.ProducesValue)
        {
            var scalar = ScalarOf(returnType, $"The result of '{Describe(method)}'");
            PushScalar(Normalize(call, scalar), scalar, returnType);
        }
    }

    /// <summary>bpf_tail_call (kernel: include/uapi/linux/bpf.h).</summary>
    private const int TailCallHelper = 12;

    /// <summary>
    /// <c>ProgramArray.TailCall(ctx, index, fallback)</c>: <c>bpf_tail_call(ctx, map, index)</c>, which returns only
    /// when it fails; the result is then the fallback.
    /// </summary>
    private void TailCall(List<IrValue> registers)
    {
        SpillPendingStructs();
        var (map, context, index, fallback) = (registers[0], registers[1], registers[2], registers[3]);
        var call = Emit(IrOpcode.CallHelper, true, context, map, index);
        call.Immediate = TailCallHelper;
        call.ProducesValue = false;
        PushValue(fallback, StackKind.Int32);
    }

    private bool TryIntrinsic(MethodReference method)
    {
        string type = method.DeclaringType.FullName;
        if (type == PtRegsType)
            return PtRegsIntrinsic(method);   // MethodImporter.Tracing.cs
        if (type == "System.Threading.Interlocked")
            return InterlockedIntrinsic(method);
        if (type == "EbpfSharp.Core")
            return CoreIntrinsic(method);
        if (type == "System.Buffers.Binary.BinaryPrimitives" && method.Name == "ReverseEndianness")
        {
            var parameter = TypeLayouts.Scalar(method.Parameters[0].ParameterType) ?? throw Error(CompilerDiagnosticIds.UnsupportedCall, "ReverseEndianness of this type has no eBPF translation.");
            var value = PopValue();
            if (parameter.Size == 1)
            {
                PushValue(value.Value, value.ValueKind);
                return true;
            }
            var swap = Emit(IrOpcode.ByteSwap, parameter.Wide, parameter.Wide ? Widen(value) : Narrow(value.Value));
            swap.Size = parameter.Size;
            IrValue result = parameter is { Size: 2, Signed: true } ? Extend(IrOpcode.SignExtend, swap, 2, wide: false) : swap;
            PushScalar(result, parameter, method.ReturnType);
            return true;
        }
        if (type == "System.Runtime.CompilerServices.Unsafe" && method.Name == "SizeOf" && method is GenericInstanceMethod sized)
        {
            PushValue(IrConstant.Of32(SizeOf(Resolve(sized.GenericArguments[0]))), StackKind.Int32);
            return true;
        }
        return false;
    }

    /// <summary>
    /// <c>Interlocked</c> on 4- and 8-byte integers, as BPF atomics: Add/Increment/Decrement return the new value
    /// (the old one plus the addend), Exchange/CompareExchange/And/Or the old one. When nothing uses the result,
    /// dead-code elimination drops the fetch and the plain form is emitted.
    /// </summary>
    private bool InterlockedIntrinsic(MethodReference method)
    {
        var location = method.Parameters.Count > 0 ? method.Parameters[0].ParameterType : null;
        var element = (location as ByReferenceType)?.ElementType;
        var scalar = element is null ? null : TypeLayouts.Scalar(element);
        if (element is null || scalar is not { Size: 4 or 8 } || element.MetadataType is MetadataType.IntPtr or MetadataType.UIntPtr)
            throw Error(CompilerDiagnosticIds.UnsupportedCall, $"'Interlocked.{method.Name}' on '{element?.Name ?? location?.Name}' has no eBPF translation: BPF atomics work on int, uint, long and ulong.");
        var (operation, addend) = method.Name switch
        {
            "Increment" => (AtomicOperation.Add, 1L),
            "Decrement" => (AtomicOperation.Add, -1L),
            "Add" => (AtomicOperation.Add, 0L),
            "Exchange" => (AtomicOperation.Exchange, 0L),
            "CompareExchange" => (AtomicOperation.CompareExchange, 0L),
            "And" => (AtomicOperation.And, 0L),
            "Or" => (AtomicOperation.Or, 0L),
            _ => throw Error(CompilerDiagnosticIds.UnsupportedCall, $"'Interlocked.{method.Name}' has no eBPF translation; programs can use Add, Increment, Decrement, Exchange, CompareExchange, And and Or."),
        };
        bool wide = scalar.Value.Size == 8;
        IrValue Operand(ValueEntry entry) => wide ? Widen(entry, scalar.Value.Signed) : Narrow(entry.Value);
        IrValue? comparand = operation == AtomicOperation.CompareExchange ? Operand(PopValue()) : null;
        IrValue value = method.Parameters.Count > 1 ? Operand(PopValue()) : IrConstant.Of(addend, wide);
        var address = AddressOf(Pop());
        SpillPendingStructs();
        var atomic = comparand is null ? Emit(IrOpcode.Atomic, wide, address, value) : Emit(IrOpcode.Atomic, wide, address, value, comparand);
        atomic.Immediate = (long)operation;
        atomic.Size = scalar.Value.Size;
        IrValue result = operation == AtomicOperation.Add ? Emit(IrOpcode.Add, wide, atomic, value) : atomic;
        PushScalar(result, scalar.Value, element);
        return true;
    }
}
