using System.Text;
using EbpfSharp.Compiler.Data;
using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Emit;
using EbpfSharp.Compiler.Metadata;
using EbpfSharp.Object.Btf;
using EbpfSharp.Object.Writing;
using Mono.Cecil;

namespace EbpfSharp.Compiler;

/// <summary>Compiles the programs of one class, and the subprograms they call, into one object.</summary>
internal sealed class ObjectCompiler(CompilerOptions options, TypeLayouts layouts, DebugInfo debug, List<CompilerDiagnostic> diagnostics)
{
    public CompiledObject? Compile(TypeDefinition type, IReadOnlyList<MethodDefinition> programs)
    {
        var module = new ProgramModule(options, layouts, debug);
        var builder = new ObjectBuilder(Attributes.License(type) ?? "GPL");
        var emitted = new Dictionary<string, EmittedFunction>();
        var compiled = new List<(MethodDefinition Method, EmittedFunction Function, string Section)>();
        int errors = diagnostics.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

        foreach (var method in programs)
        {
            var attribute = Attributes.Program(method)!;
            var shape = ProgramSignatures.Check(method, attribute, debug, diagnostics, options.TargetArchitecture);
            if (shape is null)
                continue;
            if (Compile(module, method, module.Symbol(method.Name), shape) is { } function)
            {
                emitted[function.Symbol] = function;
                compiled.Add((method, function, shape.Section));
            }
        }
        while (module.TryTakePending(out var subprogram))
        {
            if (Compile(module, subprogram, module.Subprograms[subprogram]) is { } function)
                emitted[function.Symbol] = function;
        }

        DeclareStatics(module, type);
        foreach (var (method, function, _) in compiled)
            CheckCallGraph(method, function, emitted);
        if (diagnostics.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error) > errors)
            return null;

        var programSymbols = compiled.Select(program => program.Function.Symbol).ToHashSet();
        var btf = new BtfTypes(builder, module.Layouts);
        foreach (var (method, function, section) in compiled)
            builder.AddFunction(new FunctionCode(function.Symbol, function.Instructions)
            {
                SectionName = section,
                Lines = Lines(function, method),
                CoreRelocations = CoreRelocations(function, btf),
            });
        foreach (var (method, symbol) in module.Subprograms)
            builder.AddFunction(new FunctionCode(symbol, emitted[symbol].Instructions)
            {
                Parameters = SubprogramParameters(builder, method),
                ReturnTypeId = builder.Types.Integer("long", 8, signed: true),
                Lines = Lines(emitted[symbol], method),
                CoreRelocations = CoreRelocations(emitted[symbol], btf),
            });
        foreach (var (text, (symbol, length)) in module.Strings)
        {
            var bytes = new byte[length];
            Encoding.UTF8.GetBytes(text, bytes);
            int typeId = builder.Types.Array(builder.Types.Integer("char", 1, signed: true), (uint)length);
            builder.AddGlobal(new GlobalVariable(".rodata", symbol, typeId, bytes));
        }

        AddStatics(module, builder, btf);

        var programsInfo = compiled.Select(program => new CompiledProgram(
            $"{type.FullName}.{program.Method.Name}", program.Function.Symbol, program.Section,
            TotalSlots(program.Function, emitted, []), DeepestStack(program.Function, emitted, []))).ToList();
        return new CompiledObject(type.FullName, $"{type.Name}.bpf.o", builder.Write(), programsInfo);
    }

    /// <summary>
    /// Every map of the program class is in the object even when no program uses it (the host sees the maps it
    /// declared), and so is every global it can describe; globals it cannot (host-only statics) are left out.
    /// </summary>
    private void DeclareStatics(ProgramModule module, TypeDefinition type)
    {
        foreach (var field in type.Fields.Where(field => field.IsStatic && !field.IsLiteral))
        {
            try
            {
                module.Statics.Get(field);
            }
            catch (StaticFieldException exception) when (MapTypes.IsMap(field.FieldType) && !diagnostics.Any(known => known.Message == exception.Message))
            {
                var constructor = type.Methods.FirstOrDefault(method => method.IsConstructor && method.IsStatic);
                diagnostics.Add(new CompilerDiagnostic(CompilerDiagnosticIds.StaticField, DiagnosticSeverity.Error, exception.Message,
                    constructor is null ? null : debug.Locate(constructor, 0), $"{type.Name}.{field.Name}"));
            }
            catch (StaticFieldException)
            {
            }
        }
    }

    /// <summary>The function's CO-RE relocations against the object's BTF, where each root type is described once.</summary>
    private static IReadOnlyList<CoreRelocationSite> CoreRelocations(EmittedFunction function, BtfTypes btf) =>
        [.. function.CoreRelocations.Select(site => new CoreRelocationSite(site.InstructionIndex, btf.Of(site.Relocation.RootType), site.Relocation.Access, site.Relocation.Kind))];

    private static void AddStatics(ProgramModule module, ObjectBuilder builder, BtfTypes btf)
    {
        foreach (var map in module.Statics.Maps)
            builder.AddMap(new MapDeclaration(map.Symbol, (EbpfSharp.Object.BpfMapType)map.Kind, map.MaxEntries)
            {
                KeyTypeId = map.Key is null ? 0 : btf.Of(map.Key),
                KeySize = map.Key is null ? map.KeySize : 0,
                ValueTypeId = map.Value is null ? 0 : btf.Of(map.Value),
                ValueSize = map.Value is null ? map.ValueSize : 0,
                Flags = (EbpfSharp.Object.BpfMapFlags)map.Flags,
                Pinning = map.Pinned ? EbpfSharp.Object.MapPinning.ByName : EbpfSharp.Object.MapPinning.None,
                MapExtra = map.Extra,
            });
        foreach (var global in module.Statics.Globals)
            builder.AddGlobal(new GlobalVariable(global.Section, global.Symbol, btf.Of(global.Type), global.InitialValue));
    }

    private EmittedFunction? Compile(ProgramModule module, MethodDefinition method, string symbol, ProgramShape? shape = null)
    {
        try
        {
            return FunctionCompiler.Compile(module, method, symbol, shape: shape);
        }
        catch (CompileErrorException error)
        {
            diagnostics.Add(new CompilerDiagnostic(error.Id, DiagnosticSeverity.Error, error.Message, error.Location ?? debug.Locate(method, 0), $"{method.DeclaringType.Name}.{method.Name}"));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            diagnostics.Add(new CompilerDiagnostic(CompilerDiagnosticIds.InternalError, DiagnosticSeverity.Error,
                $"The compiler failed on '{method.DeclaringType.Name}.{method.Name}' ({exception.GetType().Name}: {exception.Message}). This is a bug in EbpfSharp; please report it with the method.",
                debug.Locate(method, 0), $"{method.DeclaringType.Name}.{method.Name}"));
        }
        return null;
    }

    private IReadOnlyList<SourceLine> Lines(EmittedFunction function, MethodDefinition method)
    {
        var lines = function.Lines.Select(line => new SourceLine(line.InstructionIndex, line.Location.FilePath, debug.LineText(line.Location), line.Location.Line, line.Location.Column)).ToList();
        if (lines.Count == 0 || lines[0].InstructionIndex != 0)
        {
            var first = function.Lines.Count > 0 ? function.Lines[0].Location : debug.Locate(method, 0);
            if (first is null)
                return lines;
            lines.Insert(0, new SourceLine(0, first.FilePath, debug.LineText(first), first.Line, first.Column));
        }
        return lines;
    }

    private static IReadOnlyList<BtfParameter> SubprogramParameters(ObjectBuilder builder, MethodDefinition method)
    {
        var parameters = new List<BtfParameter>();
        if (method.HasThis)
            parameters.Add(new BtfParameter("this", builder.Types.Pointer(0)));
        foreach (var parameter in method.Parameters)
        {
            var scalar = TypeLayouts.Scalar(parameter.ParameterType) ?? ScalarType.Pointer;
            int typeId = parameter.ParameterType.IsPointer || parameter.ParameterType.IsByReference || !parameter.ParameterType.IsValueType
                ? builder.Types.Pointer(0)
                : builder.Types.Integer(scalar.Wide ? "long" : "int", (uint)(scalar.Wide ? 8 : 4), scalar.Signed);
            parameters.Add(new BtfParameter(parameter.Name, typeId));
        }
        return parameters;
    }

    private void CheckCallGraph(MethodDefinition program, EmittedFunction function, Dictionary<string, EmittedFunction> emitted)
    {
        var path = new List<string>();
        int stack = 0;
        bool Visit(EmittedFunction current)
        {
            if (path.Contains(current.Symbol))
            {
                diagnostics.Add(new CompilerDiagnostic(CompilerDiagnosticIds.Recursion, DiagnosticSeverity.Error,
                    $"'{program.Name}' reaches a cycle of calls ({string.Join(" → ", path.Append(current.Symbol))}); the verifier rejects recursion. Rewrite it as a bounded loop.",
                    debug.Locate(program, 0), program.Name));
                return false;
            }
            path.Add(current.Symbol);
            foreach (var callee in current.Callees)
                if (emitted.TryGetValue(callee, out var next) && !Visit(next))
                    return false;
            path.RemoveAt(path.Count - 1);
            return true;
        }
        if (!Visit(function))
            return;
        stack = DeepestStack(function, emitted, []);
        if (stack > 512)
            diagnostics.Add(new CompilerDiagnostic(CompilerDiagnosticIds.StackTooLarge, DiagnosticSeverity.Error,
                $"'{program.Name}' and the functions it calls need {stack} bytes of stack together; eBPF allows 512. Shrink locals or keep large data in a per-CPU array map.",
                debug.Locate(program, 0), program.Name));
    }

    private static int DeepestStack(EmittedFunction function, Dictionary<string, EmittedFunction> emitted, HashSet<string> visiting)
    {
        if (!visiting.Add(function.Symbol))
            return 0;
        int deepest = function.Callees.Where(emitted.ContainsKey).Select(callee => DeepestStack(emitted[callee], emitted, visiting)).DefaultIfEmpty(0).Max();
        visiting.Remove(function.Symbol);
        return function.StackBytes + deepest;
    }

    private static int TotalSlots(EmittedFunction function, Dictionary<string, EmittedFunction> emitted, HashSet<string> seen)
    {
        if (!seen.Add(function.Symbol))
            return 0;
        return function.Instructions.Sum(instruction => instruction.Slots)
            + function.Callees.Where(emitted.ContainsKey).Sum(callee => TotalSlots(emitted[callee], emitted, seen));
    }
}
