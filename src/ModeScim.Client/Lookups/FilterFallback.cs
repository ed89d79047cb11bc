using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Capabilities;

namespace ModeScim.Client.Lookups
{
    /// <summary>Which conditions of one selection go to the server as a filter, and what a refusal teaches: the
    /// conditions that needed something beyond plain "eq" are matched here from then on, and when they needed one thing
    /// only, the server is learned not to take it, so the next query goes straight to the fallback. Beside the caller's
    /// own filter a refusal may be that filter's: it is learned only once the listing without the conditions goes
    /// through.</summary>
    internal sealed class FilterFallback
    {
        private readonly ScimServerCapabilities _capabilities;
        private readonly ScimUserSelection _selection;
        private readonly HashSet<ScimUserCondition> _matchedHere = new HashSet<ScimUserCondition>();
        private ScimCapability? _unconfirmed;

        public FilterFallback(ScimServerCapabilities capabilities, ScimUserSelection selection)
        {
            _capabilities = capabilities;
            _selection = selection;
        }

        /// <summary>The conditions to send now: those with a filter whose needs the server is not known to refuse.</summary>
        public List<ScimUserCondition> Sendable()
        {
            return _selection.Conditions
                .Where(c => c.Filter != null && !_matchedHere.Contains(c) && c.Needs.All(_capabilities.MayUse))
                .ToList();
        }

        /// <summary>Whether <paramref name="failure"/> refused the form of a filter that could be matched here instead; if
        /// so, those conditions are not sent again. A condition every server takes (plain "eq") cannot be what was
        /// refused, nor can the caller's own filter be matched here, so those failures stand.</summary>
        public bool TakeRefusal(ScimException failure, List<ScimUserCondition> sent)
        {
            var refused = Refusable(sent);
            if (!failure.IsUnsupportedForm || refused.Count == 0)
            {
                return false;
            }
            var needs = Suspects(refused.SelectMany(c => c.Needs).Distinct().ToList());
            if (needs.Count == 1 && _selection.Filter == null)
            {
                _capabilities.Learn(needs[0], false);
            }
            else if (needs.Count == 1)
            {
                _unconfirmed = needs[0];
            }
            _matchedHere.UnionWith(refused);
            return true;
        }

        /// <summary>What a refusal may have been of: among several needs, those the server is not known to take (a
        /// search needs both 'co' and 'or'; once 'or' is known to work, a refusal is of 'co').</summary>
        private List<ScimCapability> Suspects(List<ScimCapability> needs)
        {
            var unknown = needs.Where(n => _capabilities[n] != ScimSupport.Supported).ToList();
            return needs.Count > 1 && unknown.Count > 0 ? unknown : needs;
        }

        /// <summary>The conditions a refusal moved here, for a message.</summary>
        public static string Describe(List<ScimUserCondition> sent) => string.Join(" and ", Refusable(sent).Select(c => c.Description));

        /// <summary>The listing went through: whatever its filter needed, the server takes, and what was refused before
        /// was refused for the conditions.</summary>
        public void Accepted(List<ScimUserCondition> sent)
        {
            if (_unconfirmed != null)
            {
                _capabilities.Learn(_unconfirmed.Value, false);
            }
            foreach (var capability in sent.SelectMany(c => c.Needs).Distinct())
            {
                _capabilities.Learn(capability, true);
            }
        }

        private static List<ScimUserCondition> Refusable(List<ScimUserCondition> sent) => sent.Where(c => c.Needs.Count > 0).ToList();
    }
}
