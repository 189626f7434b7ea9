using System;
using System.Collections.Generic;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>Evaluates IR expressions numerically, so layer tests can check rules and rewrites by value.</summary>
internal sealed class IrEvaluator
{
    private readonly Dictionary<string, double> scalars;
    private readonly Dictionary<string, double[]> arrays;

    public IrEvaluator(Dictionary<string, double> scalars, Dictionary<string, double[]>? arrays = null)
    {
        this.scalars = scalars;
        this.arrays = arrays ?? new Dictionary<string, double[]>();
    }

    public double Evaluate(Expr expr) => expr switch
    {
        Constant c => c.Value,
        IntConstant i => i.Value,
        BoolConstant b => b.Value ? 1 : 0,
        Variable v => scalars[v.Name],
        Unary { Operator: UnaryOperator.Negate } u => -Evaluate(u.Operand),
        Unary { Operator: UnaryOperator.Not } u => Evaluate(u.Operand) == 0 ? 1 : 0,
        Unary { Operator: UnaryOperator.ToDouble } u => Evaluate(u.Operand),
        Binary b => Binary(b.Operator, Evaluate(b.Left), Evaluate(b.Right)),
        Call c => Function(c.Function, Evaluate(c.First), c.Second is null ? double.NaN : Evaluate(c.Second)),
        Select s => Evaluate(s.Condition) != 0 ? Evaluate(s.WhenTrue) : Evaluate(s.WhenFalse),
        ElementRead r => arrays[r.Array][(int)Evaluate(r.Index)],
        LengthOf l => arrays[l.Array].Length,
        VectorCall { Function: VectorFunction.LogSumExp } v => SymMath.LogSumExp(arrays[v.First]),
        VectorCall { Function: VectorFunction.LogSoftmax } v => SymMath.LogSoftmax(arrays[v.First], (int)Evaluate(v.Index!)),
        VectorCall { Function: VectorFunction.Dot } v => SymMath.Dot(arrays[v.First], arrays[v.Second!]),
        _ => throw new NotSupportedException(expr.GetType().Name),
    };

    private static double Binary(BinaryOperator op, double a, double b) => op switch
    {
        BinaryOperator.Add => a + b,
        BinaryOperator.Subtract => a - b,
        BinaryOperator.Multiply => a * b,
        BinaryOperator.Divide => a / b,
        BinaryOperator.Less => a < b ? 1 : 0,
        BinaryOperator.LessOrEqual => a <= b ? 1 : 0,
        BinaryOperator.Greater => a > b ? 1 : 0,
        BinaryOperator.GreaterOrEqual => a >= b ? 1 : 0,
        BinaryOperator.Equal => a == b ? 1 : 0,
        BinaryOperator.NotEqual => a != b ? 1 : 0,
        _ => throw new NotSupportedException(op.ToString()),
    };

    private static double Function(MathFunction function, double a, double b) => function switch
    {
        MathFunction.Exp => Math.Exp(a),
        MathFunction.Log => Math.Log(a),
        MathFunction.Sqrt => Math.Sqrt(a),
        MathFunction.Pow => Math.Pow(a, b),
        MathFunction.Sin => Math.Sin(a),
        MathFunction.Cos => Math.Cos(a),
        MathFunction.Tan => Math.Tan(a),
        MathFunction.Atan => Math.Atan(a),
        MathFunction.Sinh => Math.Sinh(a),
        MathFunction.Cosh => Math.Cosh(a),
        MathFunction.Tanh => Math.Tanh(a),
        MathFunction.Abs => Math.Abs(a),
        MathFunction.Max => Math.Max(a, b),
        MathFunction.Min => Math.Min(a, b),
        MathFunction.Sigmoid => SymMath.Sigmoid(a),
        MathFunction.Softplus => SymMath.Softplus(a),
        MathFunction.Relu => SymMath.Relu(a),
        _ => throw new NotSupportedException(function.ToString()),
    };
}
