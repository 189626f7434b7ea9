using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Simplification;

/// <summary>
/// Undoes the copies SSA introduced where the generated code does not need them, so loops read like
/// the source: <c>double s2 = s; for (...) { double s3 = s2; double s4 = s3 + t; s2 = s4; }</c>
/// becomes <c>for (...) { s += t; }</c>. Two rewrites, applied to the forward and reverse sweeps
/// together (the reverse sweep reads forward values):
/// <list type="number">
/// <item><b>Carried values.</b> A loop whose body starts with <c>double c3 = c2;</c>, defines
/// <c>double c4 = ...</c> and ends with the back edge <c>c2 = c4;</c> updates <c>c2</c> in place,
/// when nothing else assigns <c>c2</c> and nothing in the body reads <c>c2</c>, <c>c3</c> or
/// <c>c4</c> after <c>c4</c>'s definition (a fused iteration's derivative or a tape push may), and
/// <c>c4</c> is assigned only by its declaration (not a merge declared before a branch that assigns it).</item>
/// <item><b>Copies.</b> <c>double c2 = c;</c> in the block that declares <c>c</c>, when nothing reads
/// <c>c</c> afterwards: <c>c2</c> becomes <c>c</c>.</item>
/// </list>
/// A statement kind this pass does not know stops it in that block: it never guesses what a
/// statement reads.
/// </summary>
internal static class CopyCoalescing
{
    public static GradientModel Apply(GradientModel model)
    {
        List<CodeStmt> all = model.Forward.Concat(model.Reverse).ToList();
        int forwardCount = model.Forward.Count;
        var renames = new Dictionary<string, string>();
        List<CodeStmt> rewritten = CoalesceBlock(all, all, renames, ref forwardCount);
        // Each coalesced copy records only its own rename; a name renamed twice (c3 to c2, then c2 to c) is followed here,
        // where the chain is read (updating every earlier rename at each copy was quadratic in the copies).
        string result = model.Result;
        for (int step = 0; step < renames.Count && renames.TryGetValue(result, out string? renamed); step++)
        {
            result = renamed;
        }

        return model with
        {
            Forward = rewritten.Take(forwardCount).ToEquatableArray(),
            Reverse = rewritten.Skip(forwardCount).ToEquatableArray(),
            Result = result,
        };
    }

    private static List<CodeStmt> CoalesceBlock(List<CodeStmt> block, List<CodeStmt> method, Dictionary<string, string> renames, ref int splitAt)
    {
        for (int i = 0; i < block.Count; i++)
        {
            if (block[i] is CodeFor loop && CarriedInPlace(loop, block, i, method) is { } coalesced)
            {
                block[i] = coalesced;
            }
        }

        for (int i = 0; i < block.Count; i++)
        {
            if (block[i] is CodeDeclare { Value: Variable source } copy && source.Kind == copy.Kind
                && DeclaredAt(block, source.Name, i) && Reads(block.Skip(i + 1), source.Name) == false && AssignmentsOf(block.Skip(i + 1), source.Name) == 0)
            {
                block.RemoveAt(i);
                if (ReferenceEquals(block, method) && i < splitAt)
                {
                    splitAt--;
                }

                RenameInPlace(block, i, copy.Name, source.Name);
                renames[copy.Name] = source.Name;
                i--;
            }
        }

        for (int i = 0; i < block.Count; i++)
        {
            int unused = int.MaxValue;
            block[i] = block[i] switch
            {
                CodeFor f => f with { Body = CoalesceBlock(f.Body.ToList(), method, renames, ref unused).ToEquatableArray() },
                CodeIf b => b with { Then = CoalesceBlock(b.Then.ToList(), method, renames, ref unused).ToEquatableArray(), Else = CoalesceBlock(b.Else.ToList(), method, renames, ref unused).ToEquatableArray() },
                _ => block[i],
            };
        }

        return block;
    }

    /// <summary>Rewrite 1, or null when the loop does not have that shape or something reads the values in between.</summary>
    private static CodeFor? CarriedInPlace(CodeFor loop, List<CodeStmt> block, int index, List<CodeStmt> method)
    {
        List<CodeStmt> body = loop.Body.ToList();
        int first = body.FindIndex(s => s is not CodeComment and not CodeBlankLine);
        if (first < 0 || body[first] is not CodeDeclare { Value: Variable { Name: var carried } } start
            || !DeclaredAt(block, carried, index) || AssignmentsOf(method, carried) != 1)
        {
            return null;
        }

        int last = body.FindIndex(s => s is CodeAssign { Index: null, Value: Variable } a && a.Name == carried);
        if (last < 0)
        {
            return null;
        }

        string next = ((Variable)((CodeAssign)body[last]).Value).Name;
        int definition = body.FindIndex(s => s is CodeDeclare d && d.Name == next);
        IEnumerable<CodeStmt> between = body.Skip(definition + 1).Take(last - definition - 1);
        if (definition <= first || definition >= last || AssignmentsOf(body, next) != 0
            || Reads(between, carried) != false || Reads(between, start.Name) != false || Reads(between, next) != false
            || Reads(body.Skip(last + 1), start.Name) != false)
        {
            return null;
        }

        var updated = (CodeDeclare)body[definition];
        Expr value = ExprRewriter.Rename(updated.Value, new Dictionary<string, string> { [start.Name] = carried });

        // An integer the reverse sweep runs backwards through a nested loop ends its iteration where it started the
        // copy: carried = carried, which says nothing (and C# warns about it).
        bool unchanged = value is Variable same && same.Name == carried;
        body[definition] = value is Binary { Operator: BinaryOperator.Add, ResultKind: ValueKind.Double, Left: Variable { Name: var left } } sum && left == carried
            ? new CodeAddTo(carried, sum.Right)
            : value is Binary { Operator: BinaryOperator.Subtract, ResultKind: ValueKind.Double, Left: Variable { Name: var minuend } } difference && minuend == carried
                ? new CodeAddTo(carried, new Unary(UnaryOperator.Negate, difference.Right, ValueKind.Double))
                : new CodeAssign(carried, value);
        for (int i = last + 1; i < body.Count; i++)
        {
            body[i] = RenameStatement(body[i], next, carried);
        }

        body.RemoveAt(last);
        for (int i = first + 1; i < definition; i++)
        {
            body[i] = RenameStatement(body[i], start.Name, carried);
        }

        if (unchanged)
        {
            body.RemoveAt(definition);
        }

        body.RemoveAt(first);
        return loop with { Body = body.ToEquatableArray() };
    }

    private static bool DeclaredAt(List<CodeStmt> block, string name, int before) =>
        block.Take(before).Any(s => s is CodeDeclare d && d.Name == name);

    /// <summary>Whether any statement reads <paramref name="name"/>; null when a statement's reads are unknown.</summary>
    private static bool? Reads(IEnumerable<CodeStmt> statements, string name)
    {
        foreach (CodeStmt statement in statements)
        {
            bool? reads = statement switch
            {
                CodeComment or CodeBlankLine or CodeClear or CodeReturnBuffer or CodeLengthCheck => false,
                CodeDeclare d => ReadsExpr(d.Value, name),
                CodeAssign a => ReadsExpr(a.Value, name) || (a.Index is not null && ReadsExpr(a.Index, name)) || (a.Index is not null && a.Name == name),
                CodeAddTo a => a.Name == name || ReadsExpr(a.Value, name) || (a.Index is not null && ReadsExpr(a.Index, name)),
                CodeTapePush p => ReadsExpr(p.Value, name),
                CodeArrayDeclare d => ReadsExpr(d.Length, name),
                CodeArrayAllocate d => ReadsExpr(d.Length, name),
                CodeRentBuffer r => ReadsExpr(r.Length, name),
                CodeInvoke call => call.Arguments.Any(a => ReadsExpr(a.Value, name)),
                CodeIf b => ReadsExpr(b.Condition, name) ? true : Or(Reads(b.Then, name), Reads(b.Else, name)),
                CodeFor f => ReadsExpr(f.Start, name) || ReadsExpr(f.End, name) || (f.Exit is not null && ReadsExpr(f.Exit, name)) ? true : Reads(f.Body, name),
                CodeFailWhen w => ReadsExpr(w.Condition, name),
                _ => null,
            };
            if (reads != false)
            {
                return reads;
            }
        }

        return false;
    }

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a is null || b is null ? null : false;

    private static bool ReadsExpr(Expr expr, string name) => ExprRewriter.Reads(expr, name);

    private static int AssignmentsOf(IEnumerable<CodeStmt> statements, string name) => CodeWalker.All(statements).Sum(statement => statement switch
    {
        CodeAssign a when a.Name == name => 1,
        CodeAddTo a when a.Name == name => 1,
        CodeInvoke call => call.Arguments.Count(a => a.Passing != Passing.Value && a.Value is Variable v && v.Name == name),
        _ => 0,
    });

    private static void RenameInPlace(List<CodeStmt> block, int from, string oldName, string newName)
    {
        var map = new Dictionary<string, string> { [oldName] = newName };
        for (int i = from; i < block.Count; i++)
        {
            block[i] = Renamed(block[i], oldName, newName, map);
        }
    }

    /// <summary>
    /// The statement with <paramref name="oldName"/> renamed; the same instance when it does not mention the name, so that
    /// renaming the rest of a long block after each coalesced copy rebuilds only the statements that change.
    /// </summary>
    private static CodeStmt RenameStatement(CodeStmt statement, string oldName, string newName)
    {
        var map = new Dictionary<string, string> { [oldName] = newName };
        return Renamed(statement, oldName, newName, map);
    }

    private static CodeStmt Renamed(CodeStmt statement, string oldName, string newName, Dictionary<string, string> map)
    {
        // Rename rebuilds an expression only where a variable changes (ExprRewriter keeps unchanged nodes); an expression
        // that does not mention the name is not walked by it at all (Reads allocates nothing and stops at the first
        // mention: the rest of a long block is renamed after every coalesced copy).
        Expr R(Expr e) => ExprRewriter.Reads(e, oldName) ? ExprRewriter.Rename(e, map) : e;
        Expr? O(Expr? e) => e is null ? null : R(e);
        string N(string n) => n == oldName ? newName : n;
        EquatableArray<CodeStmt> B(EquatableArray<CodeStmt> block)
        {
            CodeStmt[]? changed = null;
            for (int i = 0; i < block.Count; i++)
            {
                CodeStmt renamed = Renamed(block[i], oldName, newName, map);
                if (changed is null && !ReferenceEquals(renamed, block[i]))
                {
                    changed = new CodeStmt[block.Count];
                    for (int j = 0; j < i; j++)
                    {
                        changed[j] = block[j];
                    }
                }

                if (changed is not null)
                {
                    changed[i] = renamed;
                }
            }

            return changed is null ? block : changed.ToEquatableArray();
        }

        switch (statement)
        {
            case CodeDeclare d:
            {
                Expr value = R(d.Value);
                return d.Name == oldName || !ReferenceEquals(value, d.Value) ? d with { Name = N(d.Name), Value = value } : d;
            }

            case CodeAssign a when a.Index is null && a.Name == oldName:
                return new CodeAssign(newName, R(a.Value));
            case CodeAssign a:
            {
                Expr value = R(a.Value);
                Expr? index = O(a.Index);
                return ReferenceEquals(value, a.Value) && ReferenceEquals(index, a.Index) ? a : a with { Value = value, Index = index };
            }

            case CodeAddTo a:
            {
                Expr value = R(a.Value);
                Expr? index = O(a.Index);
                return a.Name != oldName && ReferenceEquals(value, a.Value) && ReferenceEquals(index, a.Index) ? a : a with { Name = N(a.Name), Value = value, Index = index };
            }

            case CodeTapePush p:
                return R(p.Value) is var pushed && !ReferenceEquals(pushed, p.Value) ? p with { Value = pushed } : p;
            case CodeArrayDeclare d:
                return R(d.Length) is var declared && !ReferenceEquals(declared, d.Length) ? d with { Length = declared } : d;
            case CodeArrayAllocate d:
                return R(d.Length) is var allocated && !ReferenceEquals(allocated, d.Length) ? d with { Length = allocated } : d;
            case CodeRentBuffer r:
                return R(r.Length) is var rented && !ReferenceEquals(rented, r.Length) ? r with { Length = rented } : r;
            case CodeInvoke call:
            {
                // Each argument renamed once; the call rebuilt only when one of them changed.
                var arguments = call.Arguments.Select(a => (Argument: a, Value: R(a.Value))).ToList();
                return arguments.All(a => ReferenceEquals(a.Value, a.Argument.Value))
                    ? call
                    : call with { Arguments = arguments.Select(a => a.Argument with { Value = a.Value }).ToEquatableArray() };
            }

            case CodeIf b:
            {
                Expr condition = R(b.Condition);
                EquatableArray<CodeStmt> then = B(b.Then);
                EquatableArray<CodeStmt> otherwise = B(b.Else);
                return ReferenceEquals(condition, b.Condition) && then.IsSameInstance(b.Then) && otherwise.IsSameInstance(b.Else)
                    ? b
                    : b with { Condition = condition, Then = then, Else = otherwise };
            }

            case CodeFor f:
            {
                Expr start = R(f.Start);
                Expr end = R(f.End);
                Expr? exit = O(f.Exit);
                EquatableArray<CodeStmt> body = B(f.Body);
                return ReferenceEquals(start, f.Start) && ReferenceEquals(end, f.End) && ReferenceEquals(exit, f.Exit) && body.IsSameInstance(f.Body)
                    ? f
                    : f with { Start = start, End = end, Exit = exit, Body = body };
            }

            case CodeFailWhen w:
                return R(w.Condition) is var condition2 && !ReferenceEquals(condition2, w.Condition) ? w with { Condition = condition2 } : w;
            case CodeComment c:
                return c.Text.Contains("d(" + oldName + ")") ? c with { Text = c.Text.Replace("d(" + oldName + ")", "d(" + newName + ")") } : c;
            default:
                return statement;
        }
    }
}
