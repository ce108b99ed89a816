using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EbpfSharp.Compiler.Data;

/// <summary>What a static constructor stores into a field, as far as the compiler can tell without running it.</summary>
internal abstract record InitialValue
{
    /// <summary>The field is never stored: all zero.</summary>
    public static readonly InitialValue Zero = new Constant(0);

    /// <summary>Something the compiler does not evaluate (a call, a string, a branch, ...).</summary>
    public static readonly InitialValue Unknown = new Opaque();

    public sealed record Constant(long Value) : InitialValue;

    /// <summary><c>new MapType(args)</c>, with the constant arguments by parameter name (missing when not constant).</summary>
    public sealed record Map(MethodReference Constructor, IReadOnlyDictionary<string, long> Arguments) : InitialValue;

    public sealed record Opaque : InitialValue;
}

/// <summary>
/// Reads a class's static constructor the way C# writes field initialisers: constants (with conversions) and
/// <c>new</c> of map classes stored with <c>stsfld</c>. Everything else leaves the fields it stores
/// <see cref="InitialValue.Unknown"/>, which is an error only if a program uses such a field.
/// </summary>
internal static class StaticInitializer
{
    public static IReadOnlyDictionary<FieldDefinition, InitialValue> Evaluate(TypeDefinition type, Func<TypeReference, bool> isMap)
    {
        var values = new Dictionary<FieldDefinition, InitialValue>();
        var constructor = type.Methods.FirstOrDefault(method => method.IsConstructor && method.IsStatic && method.HasBody);
        if (constructor is null)
            return values;
        var stack = new Stack<InitialValue>();
        bool straightLine = true;
        foreach (var instruction in constructor.Body.Instructions)
        {
            var code = instruction.OpCode.Code;
            if (instruction.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch || constructor.Body.HasExceptionHandlers)
                straightLine = false;
            switch (code)
            {
                case Code.Nop:
                    continue;
                case Code.Ret:
                    return values;
                case >= Code.Ldc_I4_M1 and <= Code.Ldc_I4_8:
                    stack.Push(new InitialValue.Constant(code - Code.Ldc_I4_0));
                    continue;
                case Code.Ldc_I4_S:
                    stack.Push(new InitialValue.Constant((sbyte)instruction.Operand));
                    continue;
                case Code.Ldc_I4:
                    stack.Push(new InitialValue.Constant((int)instruction.Operand));
                    continue;
                case Code.Ldc_I8:
                    stack.Push(new InitialValue.Constant((long)instruction.Operand));
                    continue;
                case Code.Conv_I1 or Code.Conv_U1 or Code.Conv_I2 or Code.Conv_U2 or Code.Conv_I4 or Code.Conv_U4
                    or Code.Conv_I8 or Code.Conv_U8 or Code.Conv_I or Code.Conv_U when stack.Count > 0:
                    stack.Push(Convert(stack.Pop(), code));
                    continue;
                case Code.Dup when stack.Count > 0:
                    stack.Push(stack.Peek());
                    continue;
                case Code.Stsfld when stack.Count > 0:
                    var field = ((FieldReference)instruction.Operand).Resolve();
                    var value = stack.Pop();
                    if (field is not null)
                        values[field] = straightLine ? value : InitialValue.Unknown;
                    continue;
                case Code.Newobj when instruction.Operand is MethodReference created && isMap(created.DeclaringType):
                    var arguments = new InitialValue[created.Parameters.Count];
                    for (int i = arguments.Length - 1; i >= 0; i--)
                        arguments[i] = stack.Count > 0 ? stack.Pop() : InitialValue.Unknown;
                    // Member references carry no parameter names; the definition does.
                    var parameters = created.Resolve()?.Parameters ?? created.Parameters;
                    var constants = new Dictionary<string, long>();
                    for (int i = 0; i < arguments.Length; i++)
                        if (arguments[i] is InitialValue.Constant constant)
                            constants[parameters[i].Name] = constant.Value;
                    stack.Push(new InitialValue.Map(created, constants));
                    continue;
            }
            // Anything else: keep the stack's depth right and forget what the values were.
            for (int i = Pops(instruction); i > 0 && stack.Count > 0; i--)
                stack.Pop();
            for (int i = Pushes(instruction); i > 0; i--)
                stack.Push(InitialValue.Unknown);
        }
        return values;
    }

    private static InitialValue Convert(InitialValue value, Code code)
    {
        if (value is not InitialValue.Constant { Value: var v })
            return value;
        long converted = code switch
        {
            Code.Conv_I1 => (sbyte)v,
            Code.Conv_U1 => (byte)v,
            Code.Conv_I2 => (short)v,
            Code.Conv_U2 => (ushort)v,
            Code.Conv_I4 => (int)v,
            Code.Conv_U4 => (uint)v,
            _ => v,
        };
        return new InitialValue.Constant(converted);
    }

    private static int Pops(Instruction instruction)
    {
        if (instruction.Operand is MethodReference method && instruction.OpCode.Code is Code.Call or Code.Callvirt or Code.Newobj)
            return method.Parameters.Count + (method.HasThis && instruction.OpCode.Code != Code.Newobj ? 1 : 0);
        return instruction.OpCode.StackBehaviourPop switch
        {
            StackBehaviour.Pop0 => 0,
            StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref => 1,
            StackBehaviour.Pop1_pop1 or StackBehaviour.Popi_pop1 or StackBehaviour.Popi_popi or StackBehaviour.Popi_popi8
                or StackBehaviour.Popi_popr4 or StackBehaviour.Popi_popr8 or StackBehaviour.Popref_pop1 or StackBehaviour.Popref_popi => 2,
            StackBehaviour.Popi_popi_popi or StackBehaviour.Popref_popi_popi or StackBehaviour.Popref_popi_popi8
                or StackBehaviour.Popref_popi_popr4 or StackBehaviour.Popref_popi_popr8 or StackBehaviour.Popref_popi_popref => 3,
            _ => 0,
        };
    }

    private static int Pushes(Instruction instruction)
    {
        if (instruction.Operand is MethodReference method && instruction.OpCode.Code is Code.Call or Code.Callvirt)
            return method.ReturnType.MetadataType == MetadataType.Void ? 0 : 1;
        return instruction.OpCode.StackBehaviourPush switch
        {
            StackBehaviour.Push0 => 0,
            StackBehaviour.Push1_push1 => 2,
            _ => 1,
        };
    }
}
