using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// What a loop body reads and writes: the names its expressions read, the names it writes other than by adding to
/// an element (<c>a[k] += v</c>), and the arrays it only adds to. Null (from <see cref="Of"/>) when the body holds
/// something this does not analyse: an expression that calls a user method or prints code as written, a check that
/// throws (moving work before it could change which exception a bad input gets), or a tiled loop. Row tiles,
/// element-wise loops and the split of a loop's dot products (<c>KernelCalls.Dots</c>) all read it.
/// </summary>
internal sealed class LoopEffects
{
    private readonly HashSet<string> reads = new();
    private readonly HashSet<string> writes = new();
    private readonly HashSet<string> accumulated = new();

    public static LoopEffects? Of(IEnumerable<CodeStmt> body)
    {
        var effects = new LoopEffects();
        foreach (CodeStmt statement in CodeWalker.All(body))
        {
            if (!effects.Add(statement))
            {
                return null;
            }
        }

        return effects;
    }

    /// <summary>Whether the body reads <paramref name="name"/>, an update (<c>name += v</c>, <c>name[k] += v</c>) included.</summary>
    public bool Reads(string name) => reads.Contains(name) || accumulated.Contains(name);

    /// <summary>Whether the body changes <paramref name="name"/> in any way.</summary>
    public bool Writes(string name) => writes.Contains(name) || accumulated.Contains(name);

    /// <summary>Whether <paramref name="expr"/> reads nothing the body changes, besides the names <paramref name="allowed"/>.</summary>
    public bool IsInvariant(Expr expr, params string?[] allowed) => ExprRewriter.VariablesAndArrays(expr).All(name => allowed.Contains(name) || !Writes(name));

    /// <summary>Whether the body only adds to elements of <paramref name="array"/>, never reading it or writing it otherwise.</summary>
    public bool OnlyAddsTo(string array) => !reads.Contains(array) && !writes.Contains(array);

    private bool Add(CodeStmt statement)
    {
        switch (statement)
        {
            case CodeComment or CodeBlankLine or CodeIf or CodeTapePush:
                break;
            case CodeDeclare d:
                writes.Add(d.Name);
                break;
            case CodeAssign a:
                writes.Add(a.Name);
                break;
            case CodeAddTo { Index: not null } a:
                accumulated.Add(a.Name);
                break;
            case CodeAddTo a:
                writes.Add(a.Name);
                reads.Add(a.Name);
                break;
            case CodeFor f:
                writes.Add(f.Counter);
                break;
            case CodeArrayDeclare a:
                writes.Add(a.Name);
                break;
            case CodeArrayAllocate a:
                writes.Add(a.Name);
                break;
            case CodeRentBuffer r:
                writes.Add(r.Name);
                writes.Add(r.BufferName);
                break;
            case CodeClear c:
                writes.Add(c.Name);
                break;
            case CodeReturnBuffer r:
                writes.Add(r.BufferName);
                break;
            case CodeTiledDot t:
                writes.Add(t.Sum.Name);
                reads.Add(t.Span);
                break;
            case CodeDeferredUpdate u:
                writes.Add(u.Span);
                break;
            case CodeInvoke call:
                foreach (CodeArgument argument in call.Arguments)
                {
                    ExprRewriter.AddVariablesAndArrays(argument.Value, reads);
                    if (argument.Passing != Passing.Value || argument.Value.Kind == ValueKind.DoubleArray)
                    {
                        ExprRewriter.AddVariablesAndArrays(argument.Value, writes); // a callee may write any array it is given
                    }
                }

                break;
            default:
                return false;
        }

        foreach (Expr expr in CodeWalker.ExpressionsOf(statement))
        {
            if (ExprRewriter.CallsOut(expr))
            {
                return false;
            }

            ExprRewriter.AddVariablesAndArrays(expr, reads);
        }

        return true;
    }
}
