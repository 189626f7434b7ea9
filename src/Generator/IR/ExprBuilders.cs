namespace SymGrad.Generator.IR;

/// <summary>Short constructors for double-valued expressions used by the derivative rules.</summary>
internal static class E
{
    public static Expr Add(Expr left, Expr right) => new Binary(BinaryOperator.Add, left, right, ValueKind.Double);

    public static Expr Sub(Expr left, Expr right) => new Binary(BinaryOperator.Subtract, left, right, ValueKind.Double);

    public static Expr Mul(Expr left, Expr right) => new Binary(BinaryOperator.Multiply, left, right, ValueKind.Double);

    public static Expr Div(Expr left, Expr right) => new Binary(BinaryOperator.Divide, left, right, ValueKind.Double);

    public static Expr Neg(Expr operand) => new Unary(UnaryOperator.Negate, operand, ValueKind.Double);

    public static Expr Num(double value) => new Constant(value);

    public static Expr Call(MathFunction function, Expr first, Expr? second = null) => new Call(function, first, second);

    public static Expr Compare(BinaryOperator op, Expr left, Expr right) => new Binary(op, left, right, ValueKind.Bool);

    public static Expr Select(Expr condition, Expr whenTrue, Expr whenFalse) => new Select(condition, whenTrue, whenFalse);

    public static Variable Var(string name) => new(name, ValueKind.Double);
}
