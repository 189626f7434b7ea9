using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Lowering;

internal sealed partial class BodyLowerer
{
    /// <summary>A stand-in for an expression that was reported, so lowering can keep walking.</summary>
    private static readonly Expr Invalid = Constant.Zero;

    private Expr LowerExpression(IOperation operation)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (nesting >= MaxNesting)
        {
            ReportTooDeep(operation);
            return Invalid;
        }

        nesting++;
        try
        {
            return Bounded(LowerExpressionCore(operation));
        }
        finally
        {
            nesting--;
        }
    }

    private Expr LowerExpressionCore(IOperation operation)
    {
        if (operation.ConstantValue.HasValue)
        {
            return LowerConstant(operation);
        }

        if (TryLowerArrayExpression(operation) is { } arrayExpression)
        {
            return arrayExpression;
        }

        switch (operation)
        {
            case IParameterReferenceOperation parameter when MethodLowerer.KindOf(parameter.Parameter.Type) is { } kind:
                return new Variable(ParameterName(parameter.Parameter), kind);
            case IParameterReferenceOperation:
                return Invalid; // reported with the parameter
            case ILocalReferenceOperation local when MethodLowerer.KindOf(local.Local.Type) is { } kind:
                return new Variable(LocalName(local.Local), kind);
            case IBinaryOperation binary:
                return LowerBinary(binary);
            case IUnaryOperation unary:
                return LowerUnary(unary);
            case IThrowOperation or IConversionOperation { Operand: IThrowOperation }:
                return ReportThrowExpression(operation);
            case IConversionOperation conversion:
                return LowerConversion(conversion);
            case IInvocationOperation invocation:
                return LowerCall(invocation);
            case IConditionalOperation { WhenFalse: not null } ternary:
                return LowerTernary(ternary);
            case IFieldReferenceOperation { Instance: null } field when MethodLowerer.KindOf(field.Type!) is { } kind:
                return FieldOfPrecision(field, kind);
            case IAssignmentOperation:
            case IIncrementOrDecrementOperation:
                Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, "An assignment used as a value ('" + OneLine(operation.Syntax) + "')");
                return Invalid;
            default:
                Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, "The expression '" + OneLine(operation.Syntax) + "'");
                return Invalid;
        }
    }

    private Expr LowerConstant(IOperation operation)
    {
        object? value = operation.ConstantValue.Value;
        switch (value)
        {
            case double d when operation.Type?.SpecialType == SpecialType.System_Double:
                return new Constant(d);
            case float f when operation.Type?.SpecialType == SpecialType.System_Single:
                return new Constant(f);
            case int i when operation.Type?.SpecialType == SpecialType.System_Int32:
                return new IntConstant(i);
            case bool b:
                return new BoolConstant(b);
            default:
                Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, "The constant '" + OneLine(operation.Syntax) + "' of type '" + (operation.Type?.ToDisplayString() ?? "null") + "' (use double or float, int or bool)");
                return Invalid;
        }
    }

    /// <summary>Rejects '%' on double (no derivative rule) and '&amp;'/'|' on integers (bitwise, not logical).</summary>
    private static bool IsArithmetic(BinaryOperator op, ValueKind resultKind) =>
        !(op == BinaryOperator.Remainder && resultKind == ValueKind.Double)
        && !(op is BinaryOperator.And or BinaryOperator.Or or BinaryOperator.EagerAnd or BinaryOperator.EagerOr && resultKind != ValueKind.Bool);

    private static BinaryOperator? BinaryOperatorOf(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => BinaryOperator.Add,
        BinaryOperatorKind.Subtract => BinaryOperator.Subtract,
        BinaryOperatorKind.Multiply => BinaryOperator.Multiply,
        BinaryOperatorKind.Divide => BinaryOperator.Divide,
        BinaryOperatorKind.Remainder => BinaryOperator.Remainder,
        BinaryOperatorKind.LessThan => BinaryOperator.Less,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperator.LessOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperator.Greater,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperatorKind.Equals => BinaryOperator.Equal,
        BinaryOperatorKind.NotEquals => BinaryOperator.NotEqual,
        BinaryOperatorKind.ConditionalAnd => BinaryOperator.And,
        BinaryOperatorKind.ConditionalOr => BinaryOperator.Or,
        BinaryOperatorKind.And => BinaryOperator.EagerAnd,
        BinaryOperatorKind.Or => BinaryOperator.EagerOr,
        _ => null,
    };

    private Expr LowerUnary(IUnaryOperation unary)
    {
        if (unary.OperatorMethod is not null || unary.Type is null || MethodLowerer.KindOf(unary.Type) is not { } kind)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, unary.Syntax, "The operator in '" + OneLine(unary.Syntax) + "'");
            return Invalid;
        }

        Expr operand = LowerExpression(unary.Operand);
        switch (unary.OperatorKind)
        {
            case UnaryOperatorKind.Plus:
                return operand;
            case UnaryOperatorKind.Minus:
                return new Unary(UnaryOperator.Negate, operand, kind);
            case UnaryOperatorKind.Not when kind == ValueKind.Bool:
                return new Unary(UnaryOperator.Not, operand, kind);
            default:
                Report(DiagnosticDescriptors.UnsupportedExpression, unary.Syntax, "The operator in '" + OneLine(unary.Syntax) + "'");
                return Invalid;
        }
    }

    private Expr LowerConversion(IConversionOperation conversion)
    {
        if (TryLowerRealConversion(conversion) is { } real)
        {
            return real;
        }

        ValueKind? from = conversion.Operand.Type is null ? null : MethodLowerer.KindOf(conversion.Operand.Type);
        ValueKind? to = conversion.Type is null ? null : MethodLowerer.KindOf(conversion.Type);
        if (conversion.OperatorMethod is null && from is not null && from == to)
        {
            return LowerExpression(conversion.Operand);
        }

        if (conversion.OperatorMethod is null && from == ValueKind.Int && to == ValueKind.Double)
        {
            return new Unary(UnaryOperator.ToDouble, LowerExpression(conversion.Operand), ValueKind.Double);
        }

        Report(
            DiagnosticDescriptors.UnsupportedConversion,
            conversion.Syntax,
            conversion.Operand.Type?.ToDisplayString() ?? "?",
            conversion.Type?.ToDisplayString() ?? "?");
        return Invalid;
    }

    /// <summary>
    /// <c>c ? a : b</c> becomes <c>if (c) t = a; else t = b;</c> before the current statement, so
    /// only the branch taken is evaluated and differentiated.
    /// </summary>
    private Expr LowerTernary(IConditionalOperation ternary)
    {
        if (ternary.Type is null || MethodLowerer.KindOf(ternary.Type) is not { } kind)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, ternary.Syntax, "The expression '" + OneLine(ternary.Syntax) + "'");
            return Invalid;
        }

        Expr condition = LowerExpression(ternary.Condition);
        string temporary = names.Allocate("conditional");
        var note = new SourceNote(OneLine(ternary.Syntax), LineOf(ternary.Syntax));
        Model.EquatableArray<Stmt> then = LowerBranchValue(ternary.WhenTrue, temporary, note);
        Model.EquatableArray<Stmt> otherwise = LowerBranchValue(ternary.WhenFalse!, temporary, note);
        current.Add(new IfStatement(condition, then, otherwise, note));
        return new Variable(temporary, kind);
    }

    private Model.EquatableArray<Stmt> LowerBranchValue(IOperation value, string temporary, SourceNote note)
    {
        List<Stmt> saved = current;
        current = new List<Stmt>();
        Expr lowered = LowerExpression(value);
        current.Add(new AssignStatement(temporary, lowered, new SourceNote(temporary + " = " + OneLine(value.Syntax) + ";", note.Line)));
        var block = new Model.EquatableArray<Stmt>(current);
        current = saved;
        return block;
    }
}
