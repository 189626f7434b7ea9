using System;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace SymGrad.Consumer.Tests.Composition;

/// <summary>
/// Calls a static method through reflection although it takes spans (which <c>MethodInfo.Invoke</c>
/// cannot pass): arrays become <c>Span&lt;T&gt;</c>/<c>ReadOnlySpan&lt;T&gt;</c> over them, and a boxed
/// double is passed by reference to an <c>out</c>/<c>ref double</c> parameter, so the box holds the
/// written value afterwards.
/// </summary>
internal static class SpanInvoker
{
    public static object? Invoke(MethodInfo method, object?[] arguments)
    {
        ParameterInfo[] parameters = method.GetParameters();
        var dynamic = new DynamicMethod("call_" + method.Name, typeof(object), new[] { typeof(object[]) }, typeof(SpanInvoker).Module, skipVisibility: true);
        ILGenerator il = dynamic.GetILGenerator();
        for (int i = 0; i < parameters.Length; i++)
        {
            Type type = parameters[i].ParameterType;
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelem_Ref);
            if (type.IsByRef)
            {
                il.Emit(OpCodes.Unbox, type.GetElementType()!);
            }
            else if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Span<>) || type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>)))
            {
                Type element = type.GetGenericArguments()[0];
                il.Emit(OpCodes.Castclass, element.MakeArrayType());
                il.Emit(OpCodes.Newobj, type.GetConstructor(new[] { element.MakeArrayType() })!);
            }
            else if (type.IsValueType)
            {
                il.Emit(OpCodes.Unbox_Any, type);
            }
            else
            {
                il.Emit(OpCodes.Castclass, type);
            }
        }

        il.Emit(OpCodes.Call, method);
        il.Emit(OpCodes.Box, method.ReturnType);
        il.Emit(OpCodes.Ret);
        var call = (Func<object?[], object?>)dynamic.CreateDelegate(typeof(Func<object?[], object?>));
        return call(arguments);
    }

    /// <summary>Whether every parameter is of a type <see cref="Invoke"/> can pass.</summary>
    public static bool CanPass(MethodInfo method) => method.GetParameters().All(p =>
    {
        Type type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
        return !type.IsByRefLike || (type.IsGenericType && type.GetGenericArguments()[0].IsPrimitive);
    });
}
