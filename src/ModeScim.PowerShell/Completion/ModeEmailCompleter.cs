using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Completion
{
    /// <summary>Completes email addresses as <see cref="ModeUserNameCompleter"/> completes userNames: at most 50 users whose
    /// email starts with what was typed, from at most 1,000 read where the server refuses the filter.</summary>
    public sealed class ModeEmailCompleter : ModeCompleter
    {
        private const int MaxUsers = 50;
        private const int MaxScanned = 1000;

        private protected override string CacheKey(string prefix) => "emails|" + prefix.ToLowerInvariant();

        private protected override async Task<IReadOnlyList<string>> LoadAsync(ScimClient client, string prefix,
            CancellationToken cancellationToken)
        {
            Func<string, bool> starts = e => e.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
            var conditions = prefix.Length == 0 ? Array.Empty<ScimUserCondition>()
                : new[] { ScimUserCondition.EmailLike(prefix + "*", prefix, starts) };
            var selection = new ScimUserSelection(conditions);
            var query = new ScimUserQuery(client, new[] { selection }) { First = MaxUsers, MaxScanned = MaxScanned, Concurrency = 1 };
            var emails = new List<string>();
            await foreach (var page in query.ReadAsync(selection, new ScimUserQueryOutcome(), cancellationToken).ConfigureAwait(false))
            {
                emails.AddRange(page.Users.SelectMany(u => u.Emails ?? Enumerable.Empty<ScimMultiValue>())
                    .Select(e => e.Value).OfType<string>().Where(starts));
            }
            return emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
