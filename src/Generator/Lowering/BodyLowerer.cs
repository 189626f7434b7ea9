using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Lowers a method body from Roslyn's <see cref="IOperation"/> tree (which already resolves types,
/// conversions, constants and overloads) to the statement IR. Statements are handled here,
/// expressions in <c>BodyLowerer.Expressions.cs</c>, calls in <c>BodyLowerer.Calls.cs</c>.
/// An unsupported construct records a diagnostic at its location and lowering continues.
/// </summary>
internal sealed partial class BodyLowerer
{
    private readonly IMethodSymbol method;
    private readonly Compilation compilation;
    private readonly DiagnosticBag diagnostics;
    private readonly CancellationToken cancellationToken;
    private readonly NameAllocator names;
    private List<Stmt> current = new();
    private int loopDepth;
    private int branchDepth;
    private int nextLoopId;
    private readonly HashSet<string> loopCounters = new();

    /// <summary>
    /// The IR name of each local. C# lets distinct locals share a name in sibling scopes (a branch, a
    /// block, a loop body); the IR gives each its own, so SSA never mistakes one for another.
    /// </summary>
    private readonly Dictionary<ILocalSymbol, string> localNames = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> namesOfLocals = new();

    /// <summary>The IR names of loop counters: sibling loops may share one, other locals may not.</summary>
    private readonly HashSet<string> namesOfCounters = new();

    /// <summary>
    /// Names the generated method declares whatever the body says (the gradient outputs <c>dx</c>):
    /// a local of the same name is renamed in the generated copy, since the outputs are public API.
    /// </summary>
    private readonly HashSet<string> generatedNames;

    public BodyLowerer(IMethodSymbol method, Compilation compilation, DiagnosticBag diagnostics, IEnumerable<string> generatedNames, CancellationToken cancellationToken)
    {
        this.method = method;
        this.compilation = compilation;
        this.diagnostics = diagnostics;
        this.cancellationToken = cancellationToken;
        this.generatedNames = new HashSet<string>(generatedNames);
        names = new NameAllocator(method.Parameters.Select(p => p.Name).Concat(this.generatedNames));
    }

    /// <summary>Every local and temporary name the body uses, so later steps can avoid them.</summary>
    public IEnumerable<string> LocalNames => names.Used;

    public EquatableArray<Stmt> LowerBody(IBlockOperation body)
    {
        foreach (ILocalSymbol local in body.Descendants().OfType<IVariableDeclaratorOperation>().Select(d => d.Symbol))
        {
            names.Reserve(local.Name);
        }

        ReportContextBlocks(body.Syntax);
        LowerStatement(body);
        return current.ToEquatableArray();
    }

    /// <summary>
    /// <c>unsafe</c> blocks and <c>checked</c>/<c>unchecked</c> blocks and expressions: the compiler binds each to its
    /// contents alone (no operation marks it), so lowering would copy the contents without the context. A <c>checked</c>
    /// integer product that throws OverflowException in the method would wrap in the gradient, or the reverse in a project
    /// that checks overflow. The generated code follows the project's overflow checking, so these are reported instead.
    /// </summary>
    private void ReportContextBlocks(SyntaxNode body)
    {
        foreach (SyntaxNode node in body.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case UnsafeStatementSyntax:
                    Report(DiagnosticDescriptors.UnsupportedStatement, node, "An 'unsafe' block");
                    break;
                case CheckedStatementSyntax statement:
                    Report(DiagnosticDescriptors.UnsupportedStatement, node, "A '" + statement.Keyword.ValueText + "' block (the generated code follows the project's overflow checking: remove '" + statement.Keyword.ValueText + "')");
                    break;
                case CheckedExpressionSyntax expression:
                    Report(DiagnosticDescriptors.UnsupportedExpression, node, "The '" + expression.Keyword.ValueText + "' expression '" + OneLine(node) + "' (the generated code follows the project's overflow checking: remove '" + expression.Keyword.ValueText + "')");
                    break;
            }
        }
    }

    private EquatableArray<Stmt> LowerBlock(IOperation operation)
    {
        List<Stmt> saved = current;
        current = new List<Stmt>();
        LowerStatement(operation);
        EquatableArray<Stmt> block = current.ToEquatableArray();
        current = saved;
        return block;
    }

    private void LowerStatement(IOperation operation)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IBlockOperation block:
                foreach (IOperation statement in block.Operations)
                {
                    LowerStatement(statement);
                }

                break;
            case IVariableDeclarationGroupOperation group:
                LowerDeclarations(group);
                break;
            case IExpressionStatementOperation expressionStatement:
                LowerExpressionStatement(expressionStatement.Operation, expressionStatement.Syntax);
                break;
            case IConditionalOperation conditional when branchDepth >= MaxNesting:
                // Every pass walks nested branches; past the limit, a diagnostic instead of a deep stack.
                ReportTooDeep(conditional, "This statement nests branches more than " + MaxNesting.ToString(System.Globalization.CultureInfo.InvariantCulture) + " levels deep (an 'else if' arm counts as a level); split the method, or compute the choice with a formula or a table");
                break;
            case IConditionalOperation conditional:
                branchDepth++;
                LowerIf(conditional);
                branchDepth--;
                break;
            case IReturnOperation { ReturnedValue: { } value } ret:
                current.Add(new ReturnStatement(LowerExpression(value), NoteOf(ret.Syntax, value.Syntax)));
                break;
            case IReturnOperation { ReturnedValue: null } ret when vectorSeed is not null:
                // return; in a vector-valued method: its lowered result, Σ seed[i] · output[i], as the output stands.
                current.Add(new ReturnStatement(new VectorCall(VectorFunction.Dot, vectorSeed, OutputParameter!, null), NoteOf(ret.Syntax)));
                break;
            case IForLoopOperation forLoop:
                LowerFor(forLoop);
                break;
            case IForEachLoopOperation forEach:
                LowerForEach(forEach);
                break;
            case IBranchOperation { BranchKind: BranchKind.Break } when loopDepth > 0:
                current.Add(new BreakStatement(NoteOf(operation.Syntax)));
                break;
            case IBranchOperation { BranchKind: BranchKind.Continue } when loopDepth > 0:
                current.Add(new ContinueStatement(NoteOf(operation.Syntax)));
                break;
            case IBranchOperation when loopDepth > 0:
                Report(DiagnosticDescriptors.UnsupportedLoop, operation.Syntax, "A '" + OneLine(operation.Syntax).TrimEnd(';') + "' inside a loop");
                break;
            case IWhileLoopOperation whileLoop:
                LowerWhile(whileLoop);
                break;
            case IEmptyOperation:
                break;
            default:
                Report(DiagnosticDescriptors.UnsupportedStatement, operation.Syntax, DescribeStatement(operation.Syntax));
                break;
        }
    }

    private void LowerDeclarations(IVariableDeclarationGroupOperation group)
    {
        foreach (IVariableDeclarationOperation declaration in group.Declarations)
        {
            foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
            {
                ILocalSymbol local = declarator.Symbol;
                if (!CheckLocalPrecision(local, declarator.Syntax))
                {
                    continue;
                }

                if (MethodLowerer.ArrayKindOf(local.Type) == ValueKind.DoubleArray && !local.IsRef)
                {
                    LowerArrayDeclaration(declarator, declaration, group);
                    continue;
                }

                if (MethodLowerer.KindOf(local.Type) is null || local.IsRef)
                {
                    Report(DiagnosticDescriptors.UnsupportedLocalType, declarator.Syntax, local.Name, local.Type.ToDisplayString());
                    continue;
                }

                IVariableInitializerOperation? initializer = declarator.Initializer ?? declaration.Initializer;
                if (initializer is not null)
                {
                    current.Add(new AssignStatement(LocalName(local), LowerExpression(initializer.Value), NoteOf(group.Syntax)));
                }
            }
        }
    }

    private void LowerExpressionStatement(IOperation operation, SyntaxNode statement)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when TargetName(assignment.Target) is { } target:
                current.Add(new AssignStatement(target, LowerExpression(assignment.Value), NoteOf(statement)));
                break;
            case ICompoundAssignmentOperation compound when TargetName(compound.Target) is { } target:
                LowerCompoundAssignment(compound, target, statement);
                break;
            case IIncrementOrDecrementOperation increment when TargetName(increment.Target) is { } target:
                LowerIncrement(increment, target, statement);
                break;
            case ISimpleAssignmentOperation assignment when ElementTarget(assignment.Target) is { } element:
                current.Add(new ElementAssignStatement(element.Array, element.Index, LowerExpression(assignment.Value), NoteOf(statement)));
                break;
            case ICompoundAssignmentOperation compound when ElementTarget(compound.Target) is { } element:
                LowerCompoundElementAssignment(compound, element.Array, element.Index, statement);
                break;
            case IInvocationOperation invocation when IsSymMath(invocation, "Softmax"):
                LowerSoftmaxStatement(invocation, statement);
                break;
            case IInvocationOperation invocation when IsVectorCallStatement(invocation):
                LowerVectorCallStatement(invocation);
                break;
            case IAssignmentOperation assignment:
                Report(DiagnosticDescriptors.UnsupportedAssignmentTarget, assignment.Target.Syntax, "'" + OneLine(assignment.Target.Syntax) + "'");
                break;
            case IIncrementOrDecrementOperation increment when ElementTarget(increment.Target) is { } element:
                BinaryOperator step = increment.Kind == OperationKind.Increment ? BinaryOperator.Add : BinaryOperator.Subtract;
                var read = new ElementRead(element.Array, element.Index, ValueKind.Double);
                current.Add(new ElementAssignStatement(element.Array, element.Index, new Binary(step, read, Constant.One, ValueKind.Double), NoteOf(statement)));
                break;
            case IIncrementOrDecrementOperation increment:
                Report(DiagnosticDescriptors.UnsupportedAssignmentTarget, increment.Target.Syntax, "'" + OneLine(increment.Target.Syntax) + "'");
                break;
            default:
                Report(DiagnosticDescriptors.UnsupportedStatement, statement, DescribeStatement(statement));
                break;
        }
    }

    private void LowerCompoundAssignment(ICompoundAssignmentOperation compound, string target, SyntaxNode statement)
    {
        ValueKind targetKind = MethodLowerer.KindOf(compound.Target.Type!) ?? ValueKind.Double;
        if (compound.OperatorMethod is not null || BinaryOperatorOf(compound.OperatorKind) is not { } op || !IsArithmetic(op, targetKind))
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, compound.Syntax, "The operator in '" + OneLine(compound.Syntax) + "'");
            return;
        }

        ValueKind kind = targetKind;
        Expr value = LowerExpression(compound.Value);
        if (kind == ValueKind.Double && value.Kind == ValueKind.Int)
        {
            value = new Unary(UnaryOperator.ToDouble, value, ValueKind.Double);
        }

        Expr combined = new Binary(op, new Variable(target, kind), value, kind);
        current.Add(new AssignStatement(target, combined, NoteOf(statement)));
    }

    private void LowerCompoundElementAssignment(ICompoundAssignmentOperation compound, string array, Expr index, SyntaxNode statement)
    {
        if (compound.OperatorMethod is not null || BinaryOperatorOf(compound.OperatorKind) is not { } op || !IsArithmetic(op, ValueKind.Double))
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, compound.Syntax, "The operator in '" + OneLine(compound.Syntax) + "'");
            return;
        }

        Expr value = LowerExpression(compound.Value);
        if (value.Kind == ValueKind.Int)
        {
            value = new Unary(UnaryOperator.ToDouble, value, ValueKind.Double);
        }

        var element = new ElementRead(array, index, ValueKind.Double);
        current.Add(new ElementAssignStatement(array, index, new Binary(op, element, value, ValueKind.Double), NoteOf(statement)));
    }

    private void LowerIncrement(IIncrementOrDecrementOperation increment, string target, SyntaxNode statement)
    {
        ValueKind kind = MethodLowerer.KindOf(increment.Target.Type!) ?? ValueKind.Double;
        Expr one = kind == ValueKind.Double ? Constant.One : new IntConstant(1);
        BinaryOperator op = increment.Kind == OperationKind.Increment ? BinaryOperator.Add : BinaryOperator.Subtract;
        current.Add(new AssignStatement(target, new Binary(op, new Variable(target, kind), one, kind), NoteOf(statement)));
    }

    private void LowerIf(IConditionalOperation conditional)
    {
        Expr condition = LowerExpression(conditional.Condition);
        EquatableArray<Stmt> then = LowerBlock(conditional.WhenTrue);
        EquatableArray<Stmt> otherwise = conditional.WhenFalse is null ? EquatableArray<Stmt>.Empty : LowerBlock(conditional.WhenFalse);
        string header = conditional.Syntax is IfStatementSyntax ifSyntax ? "if (" + OneLine(ifSyntax.Condition) + ")" : OneLine(conditional.Syntax);
        current.Add(new IfStatement(condition, then, otherwise, new SourceNote(header, LineOf(conditional.Syntax))));
    }

    private string? TargetName(IOperation target) => target switch
    {
        ILocalReferenceOperation local when loopCounters.Contains(LocalName(local.Local)) => ReportCounterAssignment(target),
        ILocalReferenceOperation local when MethodLowerer.KindOf(local.Local.Type) is not null => LocalName(local.Local),
        IParameterReferenceOperation parameter when MethodLowerer.KindOf(parameter.Parameter.Type) is not null && parameter.Parameter.RefKind == RefKind.None => ParameterName(parameter.Parameter),
        _ => null,
    };

    private string LocalName(ILocalSymbol local)
    {
        if (!localNames.TryGetValue(local, out string? name))
        {
            // The generated method flattens the source's scopes (values assigned in a branch are
            // declared before it), so a name already given to another local, to a loop counter or
            // to a generated output gets a fresh one; so does a keyword written '@double' in the source.
            bool taken = namesOfLocals.Contains(local.Name) || namesOfCounters.Contains(local.Name) || generatedNames.Contains(local.Name) || NameAllocator.IsKeyword(local.Name);
            name = taken ? names.Allocate(local.Name) : local.Name;
            namesOfLocals.Add(name);
            localNames[local] = name;
        }

        return name;
    }

    /// <summary>
    /// A loop counter is scoped to its loop in the generated code too, so sibling loops keep sharing
    /// their source name; it must not take the name of any other local, which may be declared at
    /// method level (a local of an earlier branch is hoisted before its <c>if</c>).
    /// </summary>
    private string CounterName(ILocalSymbol counter)
    {
        bool taken = namesOfLocals.Contains(counter.Name) || generatedNames.Contains(counter.Name) || NameAllocator.IsKeyword(counter.Name);
        string name = taken ? names.Allocate(counter.Name) : counter.Name;
        namesOfCounters.Add(name);
        localNames[counter] = name;
        return name;
    }

    /// <summary>
    /// <c>x &gt; 0 ? x : throw ...</c>: the throw is reported itself. (Roslyn wraps it in a conversion to
    /// the other branch's type from no type at all, which would otherwise read "Conversion from '?'".)
    /// </summary>
    private Expr ReportThrowExpression(IOperation operation)
    {
        IOperation thrown = operation is IConversionOperation conversion ? conversion.Operand : operation;
        Report(DiagnosticDescriptors.UnsupportedExpression, thrown.Syntax, "The throw expression '" + OneLine(thrown.Syntax) + "' (validate arguments in the caller)");
        return Invalid;
    }

    private string? ReportCounterAssignment(IOperation target)
    {
        Report(DiagnosticDescriptors.UnsupportedLoop, target.Syntax, "The loop counter '" + OneLine(target.Syntax) + "' is assigned in the loop body");
        return "?";
    }

    private static string ParameterName(IParameterSymbol parameter) =>
        SyntaxFacts.GetKeywordKind(parameter.Name) != SyntaxKind.None ? "@" + parameter.Name : parameter.Name;

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] arguments) =>
        diagnostics.Add(descriptor, node.GetLocation(), arguments);

    private static SourceNote NoteOf(SyntaxNode statement, SyntaxNode? returnedExpression = null)
    {
        string text = statement is ArrowExpressionClauseSyntax || returnedExpression?.Parent is ArrowExpressionClauseSyntax
            ? "return " + OneLine(returnedExpression ?? statement) + ";"
            : OneLine(statement);
        return new SourceNote(text, LineOf(statement));
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    internal static string OneLine(SyntaxNode node)
    {
        // Only the first 100 characters are shown: read no more than a few hundred of a long node.
        string raw = node.Span.Length > 400 ? node.SyntaxTree.GetText().ToString(new Microsoft.CodeAnalysis.Text.TextSpan(node.SpanStart, 400)) : node.ToString();
        string text = CollapseWhitespace(raw);
        return text.Length > 100 ? text.Substring(0, 97) + "..." : text;
    }

    /// <summary>
    /// Every run of white space as one space, none at either end: what <c>Regex.Replace(raw, @"\s+", " ").Trim()</c>
    /// gave, without a regex for every lowered statement (the source notes, with the node's text, were 1.1% of the
    /// generator's time on the seed models, 2026-12-06).
    /// </summary>
    internal static string CollapseWhitespace(string raw)
    {
        var text = new System.Text.StringBuilder(raw.Length);
        bool pending = false;
        foreach (char c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                pending = text.Length > 0;
                continue;
            }

            if (pending)
            {
                text.Append(' ');
                pending = false;
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private static string DescribeStatement(SyntaxNode syntax) => syntax switch
    {
        WhileStatementSyntax => "A 'while' loop",
        DoStatementSyntax => "A 'do' loop",
        TryStatementSyntax => "A 'try' statement",
        GotoStatementSyntax => "A 'goto' statement",
        LabeledStatementSyntax => "A labeled statement",
        SwitchStatementSyntax => "A 'switch' statement",
        LocalFunctionStatementSyntax => "A local function",
        UsingStatementSyntax => "A 'using' statement",
        LockStatementSyntax => "A 'lock' statement",
        ThrowStatementSyntax => "A 'throw' statement",
        FixedStatementSyntax => "A 'fixed' statement",
        BreakStatementSyntax => "A 'break' statement",
        ContinueStatementSyntax => "A 'continue' statement",
        YieldStatementSyntax => "A 'yield' statement",
        _ => "The statement '" + OneLine(syntax) + "'",
    };
}
