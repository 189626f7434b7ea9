using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Arrays and spans: local arrays (<c>new double[n]</c>, <c>stackalloc double[n]</c>, top level
/// only), element reads and writes, <c>.Length</c>, <c>GetLength</c> on matrices, and the SymMath
/// functions of whole arrays.
/// </summary>
internal sealed partial class BodyLowerer
{
    private void LowerArrayDeclaration(IVariableDeclaratorOperation declarator, IVariableDeclarationOperation declaration, IVariableDeclarationGroupOperation group)
    {
        ILocalSymbol local = declarator.Symbol;
        if (loopDepth > 0 || branchDepth > 0)
        {
            Report(DiagnosticDescriptors.UnsupportedArrayUse, declarator.Syntax, "The local array '" + local.Name + "' is declared inside a loop or branch (declare local arrays at the top level of the method)");
            return;
        }

        IOperation? value = (declarator.Initializer ?? declaration.Initializer)?.Value;
        IOperation? created = value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;
        if (created is IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } creation)
        {
            current.Add(new ArrayDeclareStatement(LocalName(local), LowerExpression(creation.DimensionSizes[0]), StackAlloc: false, NoteOf(group.Syntax)));
            return;
        }

        if (value?.Syntax is StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax arrayType, Initializer: null }
            && arrayType.RankSpecifiers.Count == 1 && arrayType.RankSpecifiers[0].Sizes.Count == 1
            && value.Descendants().FirstOrDefault(o => o.Syntax == arrayType.RankSpecifiers[0].Sizes[0]) is { } sizeOperation)
        {
            current.Add(new ArrayDeclareStatement(LocalName(local), LowerExpression(sizeOperation), StackAlloc: true, NoteOf(group.Syntax)));
            return;
        }

        Report(DiagnosticDescriptors.UnsupportedArrayUse, declarator.Syntax, "The local array '" + local.Name + "' is not created by 'new double[n]' or 'stackalloc double[n]' (without an initializer list: assign the elements after the declaration)");
    }

    /// <summary>The name of a parameter or local that is an array or span, looking through implicit conversions.</summary>
    private string? ArrayName(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation switch
        {
            ILocalReferenceOperation local when MethodLowerer.ArrayKindOf(local.Local.Type) is not null => LocalName(local.Local),
            IParameterReferenceOperation parameter when MethodLowerer.ArrayKindOf(parameter.Parameter.Type) is not null => ParameterName(parameter.Parameter),
            _ => null,
        };
    }

    /// <summary>An element of a local double array, or of a vector-valued method's output span, as an assignment target; other parameters are read-only.</summary>
    private (string Array, Expr Index)? ElementTarget(IOperation target)
    {
        (IOperation? array, IOperation? index) = ElementParts(target);
        bool writable = array is ILocalReferenceOperation || (array is IParameterReferenceOperation parameter && OutputParameter is not null && ParameterName(parameter.Parameter) == OutputParameter);
        if (writable && ArrayName(array!) is { } name && MethodLowerer.ArrayKindOf(array!.Type!) == ValueKind.DoubleArray)
        {
            return (name, LowerExpression(index!));
        }

        return null;
    }

    private static (IOperation? Array, IOperation? Index) ElementParts(IOperation operation) => operation switch
    {
        IArrayElementReferenceOperation { Indices.Length: 1 } element => (element.ArrayReference, element.Indices[0]),
        IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } indexer => (instance, indexer.Arguments[0].Value),
        _ => (null, null),
    };

    private Expr? TryLowerArrayExpression(IOperation operation)
    {
        switch (operation)
        {
            case IArrayElementReferenceOperation { Indices.Length: 2 } matrix when ArrayName(matrix.ArrayReference) is { } name:
                return new MatrixRead(name, LowerExpression(matrix.Indices[0]), LowerExpression(matrix.Indices[1]));
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } instance } when ArrayName(instance) is { } name:
                return new LengthOf(name);
            case IInvocationOperation { TargetMethod.Name: "GetLength", Instance: { } instance, Arguments.Length: 1 } getLength
                when ArrayName(instance) is { } name && getLength.Arguments[0].Value.ConstantValue is { HasValue: true, Value: int dimension }:
                return new LengthOf(name, dimension);
        }

        (IOperation? array, IOperation? index) = ElementParts(operation);
        if (array is not null && ArrayName(array) is { } arrayName && MethodLowerer.ArrayKindOf(array.Type!) is { } kind and not ValueKind.DoubleMatrix)
        {
            return new ElementRead(arrayName, LowerExpression(index!), kind == ValueKind.IntArray ? ValueKind.Int : ValueKind.Double);
        }

        if (ArrayName(operation) is not null)
        {
            Report(DiagnosticDescriptors.UnsupportedArrayUse, operation.Syntax, "The array '" + OneLine(operation.Syntax) + "' is used as a value");
            return Invalid;
        }

        return null;
    }

    private static bool IsSymMath(IInvocationOperation invocation, string name) =>
        invocation.TargetMethod.Name == name && invocation.TargetMethod.ContainingType.ToDisplayString() == "SymGrad.SymMath";

    /// <summary><c>SymMath.LogSumExp(z)</c>, <c>LogSoftmax(z, k)</c>, <c>Dot(a, b)</c>: whole arrays or spans as arguments.</summary>
    private Expr? TryLowerVectorCall(IInvocationOperation invocation)
    {
        VectorFunction? function = invocation.TargetMethod.ContainingType.ToDisplayString() != "SymGrad.SymMath" ? null : invocation.TargetMethod.Name switch
        {
            "LogSumExp" => VectorFunction.LogSumExp,
            "LogSoftmax" => VectorFunction.LogSoftmax,
            "Dot" => VectorFunction.Dot,
            _ => null,
        };
        if (function is null)
        {
            return null;
        }

        IArgumentOperation[] arguments = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToArray();
        string? first = ArrayName(arguments[0].Value);
        string? second = function == VectorFunction.Dot ? ArrayName(arguments[1].Value) : null;
        if (first is null || (function == VectorFunction.Dot && second is null))
        {
            Report(DiagnosticDescriptors.UnsupportedArrayUse, invocation.Syntax, "The arguments of '" + OneLine(invocation.Syntax) + "' are not whole arrays or spans");
            return Invalid;
        }

        Expr? index = function == VectorFunction.LogSoftmax ? LowerExpression(arguments[1].Value) : null;
        return new VectorCall(function.Value, first, second, index);
    }

    /// <summary>
    /// <c>SymMath.Softmax(z, output)</c> becomes <c>lse = LogSumExp(z); for j: output[j] = exp(z[j] - lse)</c>,
    /// which the general machinery differentiates.
    /// </summary>
    private void LowerSoftmaxStatement(IInvocationOperation invocation, SyntaxNode statement)
    {
        IArgumentOperation[] arguments = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToArray();
        string? input = ArrayName(arguments[0].Value);
        IOperation outputOperation = arguments[1].Value;
        while (outputOperation is IConversionOperation { IsImplicit: true } conversion)
        {
            outputOperation = conversion.Operand;
        }

        if (input is null || outputOperation is not ILocalReferenceOperation || ArrayName(outputOperation) is not { } output)
        {
            Report(DiagnosticDescriptors.UnsupportedArrayUse, invocation.Syntax, "The arguments of '" + OneLine(invocation.Syntax) + "' are not a whole array and a local output array");
            return;
        }

        var note = NoteOf(statement);
        current.Add(new LengthCheckStatement(output, input, "SymMath.Softmax", note));
        string lse = names.Allocate("logSumExp");
        string counter = names.Allocate("j");
        current.Add(new AssignStatement(lse, new VectorCall(VectorFunction.LogSumExp, input, null, null), note));
        var j = new Variable(counter, ValueKind.Int);
        Expr shifted = new Binary(BinaryOperator.Subtract, new ElementRead(input, j, ValueKind.Double), new Variable(lse, ValueKind.Double), ValueKind.Double);
        var body = new Model.EquatableArray<Stmt>(new Stmt[] { new ElementAssignStatement(output, j, new Call(MathFunction.Exp, shifted, null), note) });
        current.Add(new ForStatement(nextLoopId++, counter, new IntConstant(0), new LengthOf(input), false, body, Model.EquatableArray<string>.Empty, note));
    }
}
