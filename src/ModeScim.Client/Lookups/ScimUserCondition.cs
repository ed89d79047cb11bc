using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;

namespace ModeScim.Client.Lookups
{
    /// <summary>One condition on the users to list: the filter that asks the server for it, what the server must support
    /// to take that filter, and the same condition checked here, which is what a server that refuses the filter (or
    /// ignores it) falls back to.</summary>
    public sealed class ScimUserCondition
    {
        private readonly Func<ScimUser, bool> _match;

        private ScimUserCondition(ScimFilter? filter, IReadOnlyList<ScimCapability> needs, Func<ScimUser, bool> match,
            string description, bool answerIsSuperset)
        {
            Filter = filter;
            Needs = needs;
            _match = match;
            Description = description;
            AnswerIsSuperset = answerIsSuperset;
        }

        /// <summary>Null when there is nothing to ask the server for.</summary>
        public ScimFilter? Filter { get; }

        /// <summary>What the server must take for <see cref="Filter"/> to be sent; empty for what every server takes.</summary>
        public IReadOnlyList<ScimCapability> Needs { get; }

        /// <summary>How a message names the condition, such as "userName like 'a*'".</summary>
        public string Description { get; }

        /// <summary>The server's answer to <see cref="Filter"/> is only a superset (a prefix of a pattern): the match here
        /// decides which users count, so paging cannot be left to the server.</summary>
        public bool AnswerIsSuperset { get; }

        public bool Matches(ScimUser user) => _match(user);

        /// <summary>The user with this userName, regardless of case (RFC 7643).</summary>
        public static ScimUserCondition UserNameEquals(string value)
        {
            return new ScimUserCondition(ScimFilter.Equal("userName", value), EscapesFor(value),
                u => string.Equals(u.UserName, value, StringComparison.OrdinalIgnoreCase), "userName '" + value + "'", false);
        }

        /// <summary>The users whose userName starts with <paramref name="prefix"/>, regardless of case: "sw" answers exactly
        /// this.</summary>
        public static ScimUserCondition UserNameStartsWith(string prefix)
        {
            var needs = EscapesFor(prefix, ScimCapability.StartsWithFilter);
            return new ScimUserCondition(ScimFilter.StartsWith("userName", prefix), needs,
                u => u.UserName != null && u.UserName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase),
                "userName starting with '" + prefix + "'", false);
        }

        /// <summary>The users whose userName matches a pattern the caller matches (<paramref name="isMatch"/>); the server is
        /// asked for the pattern's literal start, if it has one.</summary>
        public static ScimUserCondition UserNameLike(string pattern, string literalPrefix, Func<string, bool> isMatch)
        {
            return Like("userName", literalPrefix, new List<ScimCapability>(), u => isMatch(u.UserName ?? string.Empty),
                "userName like '" + pattern + "'");
        }

        /// <summary>The users with this email among their emails, regardless of case.</summary>
        public static ScimUserCondition EmailEquals(string value)
        {
            return new ScimUserCondition(ScimFilter.Equal("emails.value", value), EscapesFor(value, ScimCapability.EmailFilter),
                u => AnyEmail(u, e => string.Equals(e, value, StringComparison.OrdinalIgnoreCase)), "email '" + value + "'", false);
        }

        /// <summary>The users with an email matching a pattern the caller matches, as <see cref="UserNameLike"/>.</summary>
        public static ScimUserCondition EmailLike(string pattern, string literalPrefix, Func<string, bool> isMatch)
        {
            return Like("emails.value", literalPrefix, new List<ScimCapability> { ScimCapability.EmailFilter },
                u => AnyEmail(u, isMatch), "email like '" + pattern + "'");
        }

        /// <summary>The attributes a search looks in: a person is found by any of their names or emails.</summary>
        public static IReadOnlyList<string> SearchedAttributes { get; } =
            new[] { "userName", "displayName", "name.givenName", "name.familyName", "emails.value" };

        /// <summary>The users with <paramref name="text"/> anywhere in their userName, displayName, given or family name,
        /// or an email, regardless of case: <c>co</c> on each, joined by <c>or</c>.</summary>
        public static ScimUserCondition Search(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                throw new ArgumentException("A search needs some text.", nameof(text));
            }
            var filter = ScimFilter.Or(SearchedAttributes.Select(a => ScimFilter.Contains(a, text)).ToArray());
            var needs = EscapesFor(text, ScimCapability.ContainsFilter, ScimCapability.OrFilter);
            return new ScimUserCondition(filter, needs, u => SearchedValues(u).Any(v => Holds(v, text)),
                "userName, name or email containing '" + text + "'", false);
        }

        /// <summary>The values a search looks in, as this user shows them.</summary>
        internal static IEnumerable<string?> SearchedValues(ScimUser user)
        {
            yield return user.UserName;
            yield return user.DisplayName;
            yield return user.Name?.GivenName;
            yield return user.Name?.FamilyName;
            foreach (var email in user.Emails ?? Enumerable.Empty<ScimMultiValue>())
            {
                yield return email.Value;
            }
        }

        private static bool Holds(string? value, string text) =>
            value != null && value.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>Active or inactive users; a user the server shows without <c>active</c> counts as active.</summary>
        public static ScimUserCondition Status(bool active)
        {
            return new ScimUserCondition(ScimFilter.Equal("active", active), new[] { ScimCapability.ActiveFilter },
                u => (u.Active ?? true) == active, active ? "active" : "inactive", false);
        }

        // The server is asked for the literal prefix ("sw"); the pattern itself is matched here. With no literal prefix
        // there is nothing to ask the server for.
        private static ScimUserCondition Like(string attribute, string literalPrefix, List<ScimCapability> needs,
            Func<ScimUser, bool> match, string description)
        {
            if (literalPrefix.Length == 0)
            {
                return new ScimUserCondition(null, needs, match, description, true);
            }
            needs.Add(ScimCapability.StartsWithFilter);
            var all = EscapesFor(literalPrefix, needs.ToArray());
            return new ScimUserCondition(ScimFilter.StartsWith(attribute, literalPrefix), all, match, description, true);
        }

        private static bool AnyEmail(ScimUser user, Func<string, bool> predicate)
        {
            return user.Emails != null && user.Emails.Any(e => e.Value != null && predicate(e.Value));
        }

        private static List<ScimCapability> EscapesFor(string value, params ScimCapability[] needs)
        {
            var all = needs.ToList();
            if (ScimUserLookup.NeedsEscapes(value))
            {
                all.Add(ScimCapability.FilterEscapes);
            }
            return all;
        }
    }
}
