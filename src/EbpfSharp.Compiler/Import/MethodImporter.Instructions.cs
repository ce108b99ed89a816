using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Ir;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EbpfSharp.Compiler.Import;

// The IL instruction set, one case per opcode family (ECMA-335 partition III).
internal sealed partial class MethodImporter
{
    private void ImportInstruction(Instruction instruction)
    {
        var code = instruction.OpCode.Code;
        switch (code)
        {
            case Code.Nop or Code.Break or Code.Readonly or Code.Volatile or Code.Unaligned or Code.Constrained or Code.Tail:
                break;

            case Code.Ldarg_0 or Code.Ldarg_1 or Code.Ldarg_2 or Code.Ldarg_3:
                LoadLocal(_arguments[code - Code.Ldarg_0]);
                break;
            case Code.Ldarg or Code.Ldarg_S:
                LoadLocal(_arguments[ArgumentIndex(instruction)]);
                break;
            case Code.Ldarga or Code.Ldarga_S:
                LoadLocalAddress(_arguments[ArgumentIndex(instruction)]);
                break;
            case Code.Starg or Code.Starg_S:
                StoreLocal(_arguments[ArgumentIndex(instruction)]);
                break;
            case Code.Ldloc_0 or Code.Ldloc_1 or Code.Ldloc_2 or Code.Ldloc_3:
                LoadLocal(_locals[code - Code.Ldloc_0]);
                break;
            case Code.Ldloc or Code.Ldloc_S:
                LoadLocal(_locals[((VariableDefinition)instruction.Operand).Index]);
                break;
            case Code.Ldloca or Code.Ldloca_S:
                LoadLocalAddress(_locals[((VariableDefinition)instruction.Operand).Index]);
                break;
            case Code.Stloc_0 or Code.Stloc_1 or Code.Stloc_2 or Code.Stloc_3:
                StoreLocal(_locals[code - Code.Stloc_0]);
                break;
            case Code.Stloc or Code.Stloc_S:
                StoreLocal(_locals[((VariableDefinition)instruction.Operand).Index]);
                break;

            case Code.Ldnull:
                PushValue(IrConstant.Of64(0), StackKind.NativeInt);
                break;
            case >= Code.Ldc_I4_M1 and <= Code.Ldc_I4_8:
                PushValue(IrConstant.Of32(code - Code.Ldc_I4_0), StackKind.Int32);
                break;
            case Code.Ldc_I4_S:
                PushValue(IrConstant.Of32((sbyte)instruction.Operand), StackKind.Int32);
                break;
            case Code.Ldc_I4:
                PushValue(IrConstant.Of32((int)instruction.Operand), StackKind.Int32);
                break;
            case Code.Ldc_I8:
                PushValue(IrConstant.Of64((long)instruction.Operand), StackKind.Int64);
                break;
            case Code.Ldc_R4 or Code.Ldc_R8 or Code.Conv_R4 or Code.Conv_R8 or Code.Conv_R_Un or Code.Ckfinite:
                throw Error(CompilerDiagnosticIds.FloatingPoint, "Floating-point arithmetic: eBPF has no float or double. Use integers (for example, fixed-point with a scale factor).");
            case Code.Ldstr:
                Push(new StringEntry((string)instruction.Operand));
                break;

            case Code.Dup:
                var top = Pop();
                Push(top);
                Push(top);
                break;
            case Code.Pop:
                Pop();
                break;

            case Code.Add or Code.Sub or Code.Mul or Code.Div or Code.Div_Un or Code.Rem or Code.Rem_Un or Code.And or Code.Or or Code.Xor:
                Binary(code);
                break;
            case Code.Shl or Code.Shr or Code.Shr_Un:
                Shift(code);
                break;
            case Code.Neg or Code.Not:
                var operand = PopValue();
                PushValue(Emit(code == Code.Neg ? IrOpcode.Negate : IrOpcode.Not, operand.Value.Wide, operand.Value), operand.ValueKind);
                break;
            case Code.Add_Ovf or Code.Add_Ovf_Un or Code.Sub_Ovf or Code.Sub_Ovf_Un or Code.Mul_Ovf or Code.Mul_Ovf_Un
                or >= Code.Conv_Ovf_I1_Un and <= Code.Conv_Ovf_U_Un or >= Code.Conv_Ovf_I1 and <= Code.Conv_Ovf_U8 or Code.Conv_Ovf_I or Code.Conv_Ovf_U:
                throw Error(CompilerDiagnosticIds.CheckedArithmetic, "Checked arithmetic: eBPF cannot throw OverflowException. Remove 'checked' (or the checked build setting) and test for overflow explicitly.");

            case Code.Conv_I1 or Code.Conv_I2 or Code.Conv_I4 or Code.Conv_U1 or Code.Conv_U2 or Code.Conv_U4:
                Convert32(code);
                break;
            case Code.Conv_I8 or Code.Conv_I:
                var signedSource = PopValue();
                PushValue(Widen(signedSource, signed: true), code == Code.Conv_I8 ? StackKind.Int64 : StackKind.NativeInt);
                break;
            case Code.Conv_U8 or Code.Conv_U:
                var unsignedSource = PopValue();
                PushValue(Widen(unsignedSource, signed: false), code == Code.Conv_U8 ? StackKind.Int64 : StackKind.NativeInt);
                break;

            case Code.Ceq or Code.Cgt or Code.Cgt_Un or Code.Clt or Code.Clt_Un:
                var (left, right) = PopOperands();
                var compare = Emit(IrOpcode.Compare, false, left, right);
                compare.Size = left.Wide ? 8 : 4;
                compare.Condition = code switch
                {
                    Code.Ceq => IrCondition.Equal,
                    Code.Cgt => IrCondition.Greater,
                    Code.Cgt_Un => IrCondition.GreaterUnsigned,
                    Code.Clt => IrCondition.Less,
                    _ => IrCondition.LessUnsigned,
                };
                PushValue(compare, StackKind.Int32);
                break;

            case Code.Br or Code.Br_S or Code.Leave or Code.Leave_S:
                if (code is Code.Leave or Code.Leave_S)
                    throw Error(CompilerDiagnosticIds.ExceptionHandling, "Exception handling (leave) cannot run in eBPF.");
                Terminate(Function.New(IrOpcode.Jump, false), _blockAt[(Instruction)instruction.Operand]);
                break;
            case Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S:
                var condition = PopValue();
                if (TryThreadBranch(condition.Value, code is Code.Brtrue or Code.Brtrue_S, _blockAt[(Instruction)instruction.Operand], _blockAt[instruction.Next]))
                    break;
                var test = Function.New(IrOpcode.CompareBranch, false, condition.Value, IrConstant.Of(0, condition.Value.Wide));
                test.Condition = code is Code.Brtrue or Code.Brtrue_S ? IrCondition.NotEqual : IrCondition.Equal;
                test.Size = condition.Value.Wide ? 8 : 4;
                Terminate(test, _blockAt[(Instruction)instruction.Operand], _blockAt[instruction.Next]);
                break;
            case >= Code.Beq_S and <= Code.Blt_Un_S or >= Code.Beq and <= Code.Blt_Un:
                var (a, b) = PopOperands();
                var branch = Function.New(IrOpcode.CompareBranch, false, a, b);
                branch.Condition = BranchCondition(code);
                branch.Size = a.Wide ? 8 : 4;
                Terminate(branch, _blockAt[(Instruction)instruction.Operand], _blockAt[instruction.Next]);
                break;
            case Code.Switch:
                var selector = PopValue();
                var @switch = Function.New(IrOpcode.Switch, false, Narrow(selector.Value));
                var targets = ((Instruction[])instruction.Operand).Select(target => _blockAt[target]).Append(_blockAt[instruction.Next]).ToArray();
                Terminate(@switch, targets);
                break;
            case Code.Ret:
                Return();
                break;
            case Code.Throw or Code.Rethrow or Code.Endfinally or Code.Endfilter:
                throw Error(CompilerDiagnosticIds.ExceptionHandling, "A 'throw': eBPF programs cannot throw. Return an error value (for XDP, XdpAction.Aborted or Drop) instead.");

            case >= Code.Ldind_I1 and <= Code.Ldind_I:
                LoadIndirect(Pop(), 0, IndirectType(code));
                break;
            case >= Code.Stind_I1 and <= Code.Stind_I8 or Code.Stind_I:
                var stored = Pop();
                StoreIndirect(Pop(), 0, IndirectType(code), stored);
                SpillPendingStructs();
                break;
            case Code.Ldobj:
                LoadIndirect(Pop(), 0, Resolve((TypeReference)instruction.Operand));
                break;
            case Code.Stobj:
                var storedObject = Pop();
                StoreIndirect(Pop(), 0, Resolve((TypeReference)instruction.Operand), storedObject);
                SpillPendingStructs();
                break;
            case Code.Cpobj:
                var copyType = Resolve((TypeReference)instruction.Operand);
                var copySource = Pop();
                LoadIndirect(copySource, 0, copyType);
                var copied = Pop();
                StoreIndirect(Pop(), 0, copyType, copied);
                break;
            case Code.Initobj:
                InitializeObject(Pop(), Resolve((TypeReference)instruction.Operand));
                SpillPendingStructs();
                break;
            case Code.Sizeof:
                PushValue(IrConstant.Of32(SizeOf(Resolve((TypeReference)instruction.Operand))), StackKind.Int32);
                break;
            case Code.Localloc:
                StackAllocate();
                break;
            case Code.Initblk or Code.Cpblk:
                Block(code);
                break;

            case Code.Ldfld:
                var field = (FieldReference)instruction.Operand;
                if (TryKernelFieldLoad(field))
                    break;
                LoadIndirect(Pop(), FieldOffset(field), FieldType(field));
                break;
            case Code.Ldflda:
                var addressed = (FieldReference)instruction.Operand;
                if (TryKernelFieldAddress(addressed))
                    break;
                var container = Pop();
                int offset = FieldOffset(addressed);
                if (container is LocalAddressEntry local)
                    Push(local with { Offset = local.Offset + offset });
                else
                    PushValue(offset == 0 ? AddressOf(container) : Emit(IrOpcode.Add, true, AddressOf(container), IrConstant.Of64(offset)), StackKind.NativeInt);
                break;
            case Code.Stfld:
                var target = (FieldReference)instruction.Operand;
                RejectKernelFieldStore(target);
                var fieldValue = Pop();
                StoreIndirect(Pop(), FieldOffset(target), FieldType(target), fieldValue);
                SpillPendingStructs();
                break;
            case Code.Ldsfld or Code.Ldsflda or Code.Stsfld:
                StaticField(instruction);
                break;

            case Code.Call or Code.Callvirt:
                Call((MethodReference)instruction.Operand, instruction.OpCode.Code == Code.Callvirt, instruction.Previous?.OpCode.Code == Code.Constrained);
                break;
            case Code.Newobj:
                NewObject((MethodReference)instruction.Operand);
                break;
            case Code.Calli or Code.Jmp:
                throw Error(CompilerDiagnosticIds.UnsupportedCall, "An indirect call (function pointer): the verifier only accepts calls to known functions.");
            case Code.Ldftn or Code.Ldvirtftn:
                throw Error(CompilerDiagnosticIds.ManagedReference, "A delegate, lambda or function pointer is created; eBPF calls only known functions. Call the method directly.");
            case Code.Newarr or Code.Ldlen or >= Code.Ldelema and <= Code.Stelem_Any:
                throw Error(CompilerDiagnosticIds.ClassAllocation, "An array is used; arrays live on the managed heap. Use a fixed-size buffer (fixed byte Name[N]) in a struct, stackalloc, or a map.");
            case Code.Box or Code.Unbox or Code.Unbox_Any:
                throw Error(CompilerDiagnosticIds.ManagedReference, "A value is boxed (converted to object or an interface); eBPF has no managed heap. Keep values in their own struct or integer types.");
            case Code.Castclass or Code.Isinst or Code.Ldtoken or Code.Mkrefany or Code.Refanyval or Code.Refanytype or Code.Arglist:
                throw Error(CompilerDiagnosticIds.ManagedReference, $"'{instruction.OpCode.Name}' needs runtime type information, which eBPF programs do not have.");
            default:
                throw Error(CompilerDiagnosticIds.UnsupportedInstruction, $"The IL instruction '{instruction.OpCode.Name}' has no eBPF translation.");
        }
    }

    private int ArgumentIndex(Instruction instruction) =>
        ((ParameterDefinition)instruction.Operand).Index + (_method.HasThis ? 1 : 0);

    private TypeReference Resolve(TypeReference type) => _generics.Resolve(type);

    /// <summary>
    /// A field's type: its type parameters are the declaring struct's, so they take that struct's arguments, as the
    /// method instance sees them.
    /// </summary>
    private TypeReference FieldType(FieldReference field) =>
        GenericContext.ForType(Resolve(field.DeclaringType)).Resolve(field.FieldType);

    private int FieldOffset(FieldReference field)
    {
        try
        {
            return Layouts.OffsetOf(Resolve(field.DeclaringType), field.Name);
        }
        catch (UnsupportedTypeException exception) when (exception.FloatingPointMessage($"Field '{field.Name}'s struct") is { } message)
        {
            throw Error(CompilerDiagnosticIds.FloatingPoint, message);
        }
        catch (UnsupportedTypeException exception)
        {
            throw Error(CompilerDiagnosticIds.UnsupportedType, $"Field '{field.Name}' is in '{exception.Type.FullName}', which has no eBPF layout (classes and structs holding references do not).");
        }
    }

    private static IrCondition BranchCondition(Code code) => code switch
    {
        Code.Beq or Code.Beq_S => IrCondition.Equal,
        Code.Bne_Un or Code.Bne_Un_S => IrCondition.NotEqual,
        Code.Bge or Code.Bge_S => IrCondition.GreaterOrEqual,
        Code.Bgt or Code.Bgt_S => IrCondition.Greater,
        Code.Ble or Code.Ble_S => IrCondition.LessOrEqual,
        Code.Blt or Code.Blt_S => IrCondition.Less,
        Code.Bge_Un or Code.Bge_Un_S => IrCondition.GreaterOrEqualUnsigned,
        Code.Bgt_Un or Code.Bgt_Un_S => IrCondition.GreaterUnsigned,
        Code.Ble_Un or Code.Ble_Un_S => IrCondition.LessOrEqualUnsigned,
        _ => IrCondition.LessUnsigned,
    };

    private TypeReference IndirectType(Code code)
    {
        var system = _method.Module.TypeSystem;
        return code switch
        {
            Code.Ldind_I1 or Code.Stind_I1 => system.SByte,
            Code.Ldind_U1 => system.Byte,
            Code.Ldind_I2 or Code.Stind_I2 => system.Int16,
            Code.Ldind_U2 => system.UInt16,
            Code.Ldind_I4 or Code.Stind_I4 => system.Int32,
            Code.Ldind_U4 => system.UInt32,
            Code.Ldind_I8 or Code.Stind_I8 => system.Int64,
            Code.Ldind_R4 or Code.Ldind_R8 or Code.Stind_R4 or Code.Stind_R8 => throw Error(CompilerDiagnosticIds.FloatingPoint, "A floating-point value is read or written; eBPF has no float or double."),
            Code.Ldind_Ref or Code.Stind_Ref => throw Error(CompilerDiagnosticIds.ManagedReference, "An object reference is read or written through a pointer; eBPF programs cannot hold managed references."),
            _ => system.IntPtr,
        };
    }
}
