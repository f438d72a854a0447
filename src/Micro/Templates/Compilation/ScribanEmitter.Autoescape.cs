using Micro.Templates.Runtime;
using Micro.Templates.Syntax;
using Scriban.Syntax;

namespace Micro.Templates.Compilation;

/// <content>
/// Autoescape as Jinja compiles it. Where the state is known when compiling (the template's name, a constant
/// <c>{% autoescape true %}</c>), outputs escape or not as compiled; inside an <c>{% autoescape expr %}</c> whose value
/// is not a constant, Jinja's compiler marks the eval context "volatile" and every output asks at run time.
/// </content>
internal sealed partial class ScribanEmitter
{
    // Inside an {% autoescape %} whose value is known only at run time (Jinja's volatile eval context).
    private bool _volatile;

    // {% autoescape expr %}: a scope (names set inside are not seen after it, as Jinja wraps it in a Scope node)
    // that sets the template context's autoescape for its body at run time and restores it after.
    private ScriptStatement EmitAutoescape(AutoescapeStmt ae)
    {
        var (template, autoescape, isVolatile) = (_template, _autoescape, _volatile);
        var enabled = ExprNode(ae.Enabled);
        if (ae.Enabled is ConstExpr constant)
        {
            _autoescape = PyOps.Truthy(constant.Value);
        }
        else
        {
            _volatile = true;
        }

        ScriptStatement body;
        try
        {
            body = Soft(false, () => EmitBody(ae.Body, ae.Pos));
        }
        finally
        {
            (_autoescape, _volatile) = (autoescape, isVolatile);
        }

        return new JinjaTagNode("autoescape", template, ae.Pos, c =>
        {
            var on = PyOps.Truthy(enabled.Value(c));
            var eval = c.Eval;
            var (outer, frame) = (eval.Autoescape, c.Frame);
            eval.Autoescape = on;
            c.Frame = new Frame(frame, null);
            try
            {
                c.RunBody(body, body.Span);
            }
            finally
            {
                c.Frame = frame;
                eval.Autoescape = outer;
            }
        }, enabled, body);
    }

    // One {{ }} output. Where autoescape is known when compiling, a run the loop writes directly; in a volatile
    // region a node that asks the template context. A literal is folded by Jinja's compiler with the autoescape it
    // knows at compile time (the one around the volatile block), so it stays static here too.
    private ScriptStatement Output(Expr value, SourcePos pos)
    {
        if (!_volatile || value is ConstExpr)
        {
            return new OutputRunNode(new OutputRun(_template, [(null, Resolve(value), _autoescape)]), pos);
        }

        var node = new JinjaExprNode(Resolve(value), _template, autoescape: false);
        return new JinjaTagNode("output", _template, pos, c => c.WriteValue(node.Value(c), c.Autoescape), node);
    }

    // Whether to escape (or mark captured text safe) where autoescape is compiled: as compiled, or at run time in a
    // volatile region.
    private Func<RenderContext, bool> EscapeHere()
    {
        if (_volatile)
        {
            return static c => c.Autoescape;
        }

        return _autoescape ? static _ => true : static _ => false;
    }

    // `~` joins markup only where autoescape is on when compiling; in a volatile region Jinja joins plain text.
    private bool MarkupConcatHere => _autoescape && !_volatile;
}
