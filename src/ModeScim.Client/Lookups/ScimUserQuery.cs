using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using ModeScim.Client.Filtering;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;

namespace ModeScim.Client.Lookups
{
    /// <summary>Lists the users of one or more selections as one stream: each condition is sent as a filter where the
    /// server is known, or not yet known, to take it, and matched here as well, since a server may ignore part of a
    /// filter. A refused filter is learned on the client's capabilities and the listing starts again with that part
    /// matched here. Several selections (-UserName a,b) share <see cref="Skip"/>, <see cref="First"/> and the count, and
    /// each user is handed out once.</summary>
    public sealed class ScimUserQuery
    {
        private readonly ScimClient _client;
        private readonly HashSet<string>? _seen;

        public ScimUserQuery(ScimClient client, IEnumerable<ScimUserSelection> selections)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            Selections = (selections ?? throw new ArgumentNullException(nameof(selections))).ToList();
            _seen = Selections.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        }

        public IReadOnlyList<ScimUserSelection> Selections { get; }

        /// <summary>Users passed over before the first is handed out; at most int.MaxValue - 1, SCIM's last startIndex.</summary>
        public ulong Skip { get; set; }

        /// <summary>The most users handed out, over all selections.</summary>
        public ulong First { get; set; } = ulong.MaxValue;

        /// <summary>The most users read from a listing the server does not page for us (a fallback, a wildcard); null for
        /// all. For a caller with a budget, such as tab completion.</summary>
        public int? MaxScanned { get; set; }

        /// <summary>As <see cref="ScimListQuery.Concurrency"/>.</summary>
        public int? Concurrency { get; set; }

        /// <summary>As <see cref="ScimListQuery.Attributes"/>: the attributes to ask for, or none for all.</summary>
        public IList<string> Attributes { get; } = new List<string>();

        public ulong HandedOut { get; private set; }

        public ulong Skipped { get; private set; }

        public bool IsFull => HandedOut >= First;

        /// <summary>Reads one of <see cref="Selections"/>. A failure other than a refused filter ends it with a
        /// ScimException; the query can go on with the next selection.</summary>
        public async IAsyncEnumerable<ScimUserQueryPage> ReadAsync(ScimUserSelection selection, ScimUserQueryOutcome outcome,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (!Selections.Contains(selection))
            {
                throw new ArgumentException("The selection is not one of this query's.", nameof(selection));
            }
            var fallback = new FilterFallback(_client.Capabilities, selection);
            while (true)
            {
                var sent = fallback.Sendable();
                var pages = ListAsync(selection, sent, outcome, cancellationToken).GetAsyncEnumerator(cancellationToken);
                string? refused = null;
                var anyPage = false;
                try
                {
                    while (true)
                    {
                        try
                        {
                            if (!await pages.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }
                        }
                        catch (ScimException ex) when (!anyPage && fallback.TakeRefusal(ex, sent))
                        {
                            // Only a refusal of the first request is the filter's: later pages failing say nothing of it.
                            refused = FilterFallback.Describe(sent);
                            break;
                        }
                        anyPage = true;
                        yield return pages.Current;
                    }
                }
                finally
                {
                    await pages.DisposeAsync().ConfigureAwait(false);
                }
                if (refused == null)
                {
                    fallback.Accepted(sent);
                    yield break;
                }
                yield return new ScimUserQueryPage(Array.Empty<ScimUser>(), 0, null, refused);
            }
        }

        private async IAsyncEnumerable<ScimUserQueryPage> ListAsync(ScimUserSelection selection, List<ScimUserCondition> sent,
            ScimUserQueryOutcome outcome, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var parts = sent.Select(c => c.Filter!).ToList();
            if (selection.Filter != null)
            {
                parts.Add(selection.Filter);
            }
            var query = new ScimListQuery { Filter = parts.Count == 0 ? null : ScimFilter.And(parts.ToArray()), Concurrency = Concurrency };
            foreach (var attribute in Attributes)
            {
                query.Attributes.Add(attribute);
            }
            // A match made here decides which users count, so the skip and the first apply after it.
            var serverPaged = Selections.Count == 1 && sent.Count == selection.Conditions.Count
                && selection.Conditions.All(c => !c.AnswerIsSuperset);
            if (serverPaged)
            {
                query.StartIndex = (int)Skip + 1;
                query.MaxItems = First >= int.MaxValue ? (int?)null : (int)First;
            }
            else
            {
                query.MaxItems = MaxScanned;
            }
            outcome.Restart(serverPaged, query.Outcome);
            await foreach (var page in _client.Users.ListAsync(query, cancellationToken).NoContext())
            {
                outcome.Total ??= page.TotalResults;
                ScimUserGroups.LearnFrom(page.Resources, _client.Capabilities);
                var users = new List<ScimUser>();
                foreach (var user in page.Resources)
                {
                    if (!selection.Matches(user))
                    {
                        continue;
                    }
                    outcome.Matched++;
                    if (_seen != null && user.Id != null && !_seen.Add(user.Id))
                    {
                        continue;
                    }
                    if (!serverPaged && Skipped < Skip)
                    {
                        Skipped++;
                        continue;
                    }
                    if (IsFull)
                    {
                        outcome.StoppedAtFirst = true;
                        break;
                    }
                    users.Add(user);
                    HandedOut++;
                }
                yield return new ScimUserQueryPage(users, page.StartIndex - 1 + page.Resources.Count, outcome.Total, null);
                if (outcome.StoppedAtFirst)
                {
                    yield break;
                }
            }
        }
    }
}
