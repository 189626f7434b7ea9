using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Rules;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Differentiation.Forward;

/// <summary>
/// The tangent of an expression: for every node with a rule, the sum over its operands of partial x
/// operand tangent (the rule table's partials, the same ones reverse mode multiplies adjoints by),
/// written the way <see cref="Scaling.Scale"/> writes adjoint x partial. A null tangent means 0: no
/// term is written for an operand without a tangent. A SymMath vector function's tangent is a sum
/// over elements, so it is computed by a loop written before the statement (into <see cref="Before"/>).
/// A saturating rule's term is a strong zero (<see cref="StrongTerm"/>): 0 where its partial rounded to 0, even if
/// the operand's tangent overflowed.
/// </summary>
internal sealed class TangentExpressions
{
    private readonly ISet<string> active;
    private readonly IReadOnlyDictionary<string, string> tangentNames;
    private readonly NameAllocator names;

    public TangentExpressions(ISet<string> active, IReadOnlyDictionary<string, string> tangentNames, NameAllocator names)
    {
        this.active = active;
        this.tangentNames = tangentNames;
        this.names = names;
    }

    /// <summary>Statements that must run before the statement whose tangent was just taken.</summary>
    public List<CodeStmt> Before { get; } = new();

    /// <summary>The tangent of <paramref name="expr"/>; <paramref name="self"/> names the root's value when it is already computed.</summary>
    public Expr? Of(Expr expr, Expr? self = null)
    {
        if (!TangentActivity.HasTangent(expr, active))
        {
            return null;
        }

        switch (expr)
        {
            case Variable v:
                return new Variable(tangentNames[v.Name], ValueKind.Double);
            case ElementRead r:
                return new ElementRead(tangentNames[r.Array], r.Index, ValueKind.Double);
            case TapePop:
                return new TapePop(ValueKind.Double, Tangent: true);
            case Select s:
                insideSelect++;
                Expr select = E.Select(s.Condition, Of(s.WhenTrue) ?? Constant.Zero, Of(s.WhenFalse) ?? Constant.Zero);
                insideSelect--;
                return select;
            case VectorCall call:
                return OfVectorCall(call, self);
            case UserCall call:
                return OfUserCall(call);
        }

        ScalarRule rule = RuleTable.ScalarRuleOf(expr) ?? throw new TangentUnsupportedException("the expression '" + expr.GetType().Name + "'");
        (Expr? first, Expr? second) = RuleTable.OperandsOf(expr);
        var operands = new RuleOperands(first!, second, self ?? expr);
        Expr? sum = null;
        Expr?[] tangents = { Of(first!), second is null ? null : Of(second) };
        for (int argument = 0; argument < 2; argument++)
        {
            if (tangents[argument] is { } tangent)
            {
                Expr partial = rule.Partial(operands, argument);
                Expr term = rule.Saturates(operands) && !Scaling.CannotRoundToZero(partial) ? StrongTerm(expr, tangent, partial) : Scaling.Scale(tangent, partial);
                sum = sum is null ? term : E.Add(sum, term);
            }
        }

        return sum;
    }

    /// <summary>How many select arms the expression being differentiated sits in (a partial there is not named before the statement: its arm may not run).</summary>
    private int insideSelect;

    /// <summary>
    /// A saturating rule's term as a strong zero: 0 where its partial rounded to 0, whatever the tangent, and otherwise
    /// the rule's own arithmetic, the same bits as without the test.
    /// <list type="bullet">
    /// <item>A quotient's partial (atan's <c>1.0 / (1.0 + x * x)</c>, a division's) is 0 by saturation where its divisor
    /// overflowed, so that is the test: <c>Math.Abs(1.0 + x * x) == double.PositiveInfinity ? 0.0 : tx / (1.0 + x * x)</c>
    /// (no 1 / b, which overflows for a tiny b); for a divisor b * b, b itself.</item>
    /// <item>A product (sigmoid's <c>s * (1.0 - s)</c>, a power's <c>b * Math.Pow(a, b - 1.0)</c>) has its factors named
    /// before the statement and tested one by one, while the term multiplies the tangent by them in turn
    /// (<c>sigmoid == 0.0 || difference == 0.0 ? 0.0 : tz * sigmoid * difference</c>): their product alone could
    /// overflow or underflow where the term does not.</item>
    /// <item>Any other partial is named (<c>double tanhPartial = 1.0 - tanh * tanh;</c>) and multiplies the tangent.</item>
    /// </list>
    /// Nothing is named for a node in a select's arm, which may not run, or for a name already.
    /// </summary>
    private Expr StrongTerm(Expr node, Expr tangent, Expr partial)
    {
        if (Scaling.WithoutSign(partial) is Binary { Operator: BinaryOperator.Divide } quotient)
        {
            // A square's root is what overflows (-a / b^2 rounds to 0 by saturation where b is infinite; a finite b above
            // 1e154 only overflows the square, and the term there keeps its own arithmetic).
            Expr divisor = quotient.Right is Binary { Operator: BinaryOperator.Multiply } square && square.Left == square.Right ? square.Left : quotient.Right;
            Expr overflowed = E.Compare(BinaryOperator.Equal, E.Call(MathFunction.Abs, divisor), E.Num(double.PositiveInfinity));
            return E.Select(overflowed, Constant.Zero, Scaling.Scale(tangent, partial));
        }

        if (partial is Binary { Operator: BinaryOperator.Multiply, ResultKind: ValueKind.Double, Left: not Constant } product)
        {
            // Each factor tested on its own: their product could underflow (or overflow) where the term does not.
            Expr left = Named(product.Left, Names.StemOf(product.Left));
            Expr right = Named(product.Right, Names.StemOf(product.Right));
            Expr zero = right is Constant
                ? E.Compare(BinaryOperator.Equal, left, Constant.Zero)
                : new Binary(BinaryOperator.Or, E.Compare(BinaryOperator.Equal, left, Constant.Zero), E.Compare(BinaryOperator.Equal, right, Constant.Zero), ValueKind.Bool);
            return E.Select(zero, Constant.Zero, Scaling.Scale(tangent, E.Mul(left, right)));
        }

        return Scaling.ScaleStrongly(tangent, Named(partial, Names.StemOf(node) + "Partial"));
    }

    /// <summary>A primal value named before the statement, unless it is a name already or sits in a select's arm.</summary>
    private Expr Named(Expr value, string stem)
    {
        if (insideSelect > 0 || value is Variable or ElementRead or Select or Constant)
        {
            return value;
        }

        string name = names.Allocate(stem);
        Before.Add(new CodeDeclare(name, ValueKind.Double, value));
        return new Variable(name, ValueKind.Double);
    }

    /// <summary>
    /// The tangent of a call of a user method that was not inlined: its partials come from its
    /// derivative method (the pullback seeded with 1, or the custom gradient), then
    /// <c>tCall = Σ ∂call/∂argument · t(argument)</c>, a loop for an array argument.
    /// </summary>
    private Expr? OfUserCall(UserCall call)
    {
        Callee callee = call.Callee;
        bool pullback = callee.Style == CalleeDerivative.Pullback;
        string stem = Names.ShortName(callee.DisplayName);
        var arguments = new List<CodeArgument>(call.Arguments.Select(a => new CodeArgument(a)));
        if (pullback)
        {
            arguments.Add(new CodeArgument(Constant.One));
        }

        var scalarPartials = new List<(Expr Argument, Variable Partial)>();
        var arrayPartials = new List<(string Array, string Span, string Buffer)>();
        for (int i = 0; i < callee.Parameters.Count; i++)
        {
            CalleeParameter parameter = callee.Parameters[i];
            if (!parameter.Differentiated)
            {
                continue;
            }

            var partial = new Variable(names.Allocate("d" + stem + Names.Capitalize(parameter.Name)), parameter.IsArray ? ValueKind.DoubleArray : ValueKind.Double);
            if (parameter.IsArray)
            {
                string array = ((ArrayArgument)call.Arguments[i]).Array;
                string buffer = names.Allocate(partial.Name + "Buffer");
                Before.Add(new CodeRentBuffer(partial.Name, buffer, new LengthOf(array)));
                arguments.Add(new CodeArgument(partial));
                arrayPartials.Add((array, partial.Name, buffer));
            }
            else if (pullback)
            {
                Before.Add(new CodeDeclare(partial.Name, ValueKind.Double, Constant.Zero));
                arguments.Add(new CodeArgument(partial, Passing.Ref));
                scalarPartials.Add((call.Arguments[i], partial));
            }
            else
            {
                arguments.Add(new CodeArgument(partial, Passing.OutDeclare));
                scalarPartials.Add((call.Arguments[i], partial));
            }
        }

        Before.Add(new CodeComment("The partials of " + callee.DisplayName + " from its " + (pullback ? "pullback (seed 1)" : "custom derivative") + ", for the tangent of the call."));
        Before.Add(new CodeInvoke(callee.Derivative, arguments.ToEquatableArray()));
        Expr? sum = null;
        foreach ((Expr argument, Variable partial) in scalarPartials)
        {
            if (Of(argument) is { } tangent)
            {
                Expr term = E.Mul(partial, tangent);
                sum = sum is null ? term : E.Add(sum, term);
            }
        }

        if (arrayPartials.Any(a => active.Contains(a.Array)))
        {
            string total = names.Allocate("t" + stem);
            Before.Add(new CodeDeclare(total, ValueKind.Double, sum ?? Constant.Zero));
            foreach ((string array, string span, string _) in arrayPartials.Where(a => active.Contains(a.Array)))
            {
                string counter = names.Allocate("k");
                var k = new Variable(counter, ValueKind.Int);
                Before.Add(new CodeFor(counter, new IntConstant(0), new LengthOf(array), Descending: false, new CodeStmt[]
                {
                    new CodeAddTo(total, E.Mul(new ElementRead(span, k, ValueKind.Double), new ElementRead(tangentNames[array], k, ValueKind.Double))),
                }.ToEquatableArray()));
            }

            sum = new Variable(total, ValueKind.Double);
        }

        Before.AddRange(arrayPartials.Select(a => (CodeStmt)new CodeReturnBuffer(a.Buffer)));
        return sum;
    }

    /// <summary>
    /// The tangent of a SymMath vector function: its value named once, then
    /// <c>double tCall = 0.0; for (j) tCall += partial_j * t(array[j]);</c> plus its point partials.
    /// </summary>
    private Expr OfVectorCall(VectorCall call, Expr? self)
    {
        VectorRule rule = RuleTable.VectorRuleOf(call.Function);
        if (self is null)
        {
            string value = names.Allocate(Names.StemOf(call));
            Before.Add(new CodeDeclare(value, ValueKind.Double, call));
            self = new Variable(value, ValueKind.Double);
        }

        var shared = new List<Expr>();
        foreach (Expr prelude in rule.Prelude(call, self))
        {
            string name = names.Allocate("shared");
            Before.Add(new CodeDeclare(name, ValueKind.Double, prelude));
            shared.Add(new Variable(name, ValueKind.Double));
        }

        string tangent = names.Allocate("t" + Names.Capitalize(Names.StemOf(call)));
        string counter = names.Allocate("j");
        var element = new Variable(counter, ValueKind.Int);
        var body = new List<CodeStmt>();
        foreach (ElementPartial partial in rule.ElementPartials(call, self, element, shared))
        {
            if (active.Contains(partial.Array))
            {
                body.Add(new CodeAddTo(tangent, Scaling.Scale(new ElementRead(tangentNames[partial.Array], element, ValueKind.Double), partial.Partial)));
            }
        }

        Before.Add(new CodeDeclare(tangent, ValueKind.Double, Constant.Zero));
        Before.Add(new CodeFor(counter, new IntConstant(0), new LengthOf(call.First), Descending: false, body.ToEquatableArray()));
        foreach (PointPartial point in rule.PointPartials(call).Where(p => active.Contains(p.Array)))
        {
            Before.Add(new CodeAddTo(tangent, Scaling.Scale(new ElementRead(tangentNames[point.Array], point.Index, ValueKind.Double), point.Partial)));
        }

        return new Variable(tangent, ValueKind.Double);
    }
}
