using System.Collections.Generic;

namespace SymGrad.Generator.IR;

/// <summary>
/// Folds the integer constants of a sum: <c>n - 1 + 1</c> becomes <c>n</c>, <c>0 + 1</c> becomes <c>1</c>, and drops
/// a term added and subtracted again (<c>i + l - i</c> becomes <c>l</c>).
/// Loop bounds collect such terms (<c>i &lt;= n - 1</c> is <c>i &lt; n - 1 + 1</c>, a reverse loop starts at
/// <c>end - 1</c>). Integer addition wraps, so any order gives the same value; the other terms keep
/// their order and the constant goes last, as people write bounds.
/// </summary>
internal static class IntegerFolding
{
    public static Expr Fold(Expr expr)
    {
        if (expr is not Binary { ResultKind: ValueKind.Int, Operator: BinaryOperator.Add or BinaryOperator.Subtract })
        {
            return expr;
        }

        var terms = new List<(bool Negative, Expr Term)>();
        long constant = 0;
        Collect(expr, negative: false, terms, ref constant);
        Cancel(terms);
        if (terms.Count == 0)
        {
            return constant is >= int.MinValue and <= int.MaxValue ? new IntConstant(constant) : expr;
        }

        Expr result;
        int first;
        if (terms[0].Negative)
        {
            result = new IntConstant(constant); // "5 - i" keeps its constant in front
            constant = 0;
            first = 0;
        }
        else
        {
            result = terms[0].Term;
            first = 1;
        }

        for (int i = first; i < terms.Count; i++)
        {
            result = new Binary(terms[i].Negative ? BinaryOperator.Subtract : BinaryOperator.Add, result, terms[i].Term, ValueKind.Int);
        }

        Expr folded = constant switch
        {
            0 => result,
            > 0 => new Binary(BinaryOperator.Add, result, new IntConstant(constant), ValueKind.Int),
            _ => new Binary(BinaryOperator.Subtract, result, new IntConstant(-constant), ValueKind.Int),
        };

        // n + int.MinValue would fold to n - 2147483648, a long in C#: such a sum stays as written.
        return ConstantsFitInt(folded) ? folded : expr;
    }

    /// <summary>
    /// Whether every integer literal of <paramref name="expr"/> is an <c>int</c>: folding can merge constants past
    /// <c>int</c>'s range (<c>m + 1 + 2147483647</c> into <c>m + 2147483648</c>), which would print a <c>long</c>.
    /// </summary>
    private static bool ConstantsFitInt(Expr expr) => expr switch
    {
        IntConstant c => c.Value is >= int.MinValue and <= int.MaxValue,
        Binary b => ConstantsFitInt(b.Left) && ConstantsFitInt(b.Right),
        Unary u => ConstantsFitInt(u.Operand),
        IntCall c => ConstantsFitInt(c.First) && (c.Second is null || ConstantsFitInt(c.Second)),
        _ => true,
    };

    /// <summary>Drops each term added and subtracted again (<c>i + 1 + l - i - 1</c> is <c>l</c>): sums wrap, so exactly.</summary>
    private static void Cancel(List<(bool Negative, Expr Term)> terms)
    {
        for (int i = 0; i < terms.Count; i++)
        {
            int opposite = terms.FindIndex(i + 1, t => t.Negative != terms[i].Negative && t.Term.Equals(terms[i].Term));
            if (opposite > 0)
            {
                terms.RemoveAt(opposite);
                terms.RemoveAt(i);
                i--;
            }
        }
    }

    private static void Collect(Expr expr, bool negative, List<(bool Negative, Expr Term)> terms, ref long constant)
    {
        switch (expr)
        {
            case IntConstant c:
                constant += negative ? -c.Value : c.Value;
                break;
            case Binary { ResultKind: ValueKind.Int, Operator: BinaryOperator.Add } add:
                Collect(add.Left, negative, terms, ref constant);
                Collect(add.Right, negative, terms, ref constant);
                break;
            case Binary { ResultKind: ValueKind.Int, Operator: BinaryOperator.Subtract } subtract:
                Collect(subtract.Left, negative, terms, ref constant);
                Collect(subtract.Right, !negative, terms, ref constant);
                break;
            default:
                terms.Add((negative, expr));
                break;
        }
    }
}
