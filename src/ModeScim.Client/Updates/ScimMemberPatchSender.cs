using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Patching;

namespace ModeScim.Client.Updates
{
    /// <summary>Sends member additions and removals as the fewest PATCH requests of at most the batch size, removals
    /// first (in the batches and in each request), so a group at a server's member cap can have members swapped.
    /// A batch the server refuses (413, or a 400 or 409 that names no missing target) goes again in halves, down to
    /// single changes, before any member is reported failed: a cap, a size limit or one bad member refuses a whole
    /// request without saying which part was too much.</summary>
    public sealed class ScimMemberPatchSender
    {
        private readonly ScimClient _client;
        private readonly int _batchSize;

        public ScimMemberPatchSender(ScimClient client, int batchSize)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _batchSize = batchSize >= 1 ? batchSize
                : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "At least one change per request.");
        }

        /// <summary>Applies every change it can; returns the changes that failed, each with its exception. A refused
        /// credential (401, 403) is thrown instead: no later batch could succeed.</summary>
        public async Task<List<(string Id, bool Add, ScimException Error)>> SendAsync(string groupId, IReadOnlyList<string> addIds,
            IReadOnlyList<string> removeIds, CancellationToken cancellationToken)
        {
            var failures = new List<(string, bool, ScimException)>();
            var changes = removeIds.Select(id => (Id: id, Add: false)).Concat(addIds.Select(id => (Id: id, Add: true))).ToList();
            for (var offset = 0; offset < changes.Count; offset += _batchSize)
            {
                await SendChunkAsync(groupId, changes.Skip(offset).Take(_batchSize).ToList(), failures, cancellationToken)
                    .NoContext();
            }
            return failures;
        }

        private async Task SendChunkAsync(string groupId, List<(string Id, bool Add)> chunk,
            List<(string, bool, ScimException)> failures, CancellationToken cancellationToken)
        {
            var patch = new ScimPatchBuilder()
                .RemoveMembers(chunk.Where(c => !c.Add).Select(c => c.Id))
                .AddMembers(chunk.Where(c => c.Add).Select(c => c.Id))
                .Build();
            try
            {
                var answer = await _client.Groups.PatchAsync(groupId, patch, cancellationToken).NoContext();
                RecordNotApplied(groupId, chunk, answer, failures);
            }
            catch (ScimException ex) when (IsRefusalOfTheWhole(ex) && chunk.Count > 1)
            {
                var half = chunk.Count / 2;
                await SendChunkAsync(groupId, chunk.Take(half).ToList(), failures, cancellationToken).NoContext();
                await SendChunkAsync(groupId, chunk.Skip(half).ToList(), failures, cancellationToken).NoContext();
            }
            catch (ScimException ex) when (ex.IsNoTarget && chunk.Any(c => !c.Add))
            {
                // Some member to remove is not there (removed meanwhile): the server refused the whole request.
                // A removal of one member refused so is done; otherwise the adds go again together, each removal alone.
                if (chunk.Count > 1)
                {
                    await ResendSplitAsync(groupId, chunk, failures, cancellationToken).NoContext();
                }
            }
            catch (ScimException ex) when (ex.Kind != ScimErrorKind.Unauthorized && ex.Kind != ScimErrorKind.Forbidden)
            {
                failures.AddRange(chunk.Select(c => (c.Id, c.Add, ex)));
            }
        }

        private async Task ResendSplitAsync(string groupId, List<(string Id, bool Add)> chunk,
            List<(string, bool, ScimException)> failures, CancellationToken cancellationToken)
        {
            var adds = chunk.Where(c => c.Add).ToList();
            if (adds.Count > 0)
            {
                await SendChunkAsync(groupId, adds, failures, cancellationToken).NoContext();
            }
            foreach (var removal in chunk.Where(c => !c.Add))
            {
                await SendChunkAsync(groupId, new List<(string, bool)> { removal }, failures, cancellationToken).NoContext();
            }
        }

        /// <summary>A success is read: where the answer lists the members, each change it does not show is a failure
        /// (ChangeNotApplied) naming what the server kept. A bare 204, or an answer without members, is believed.</summary>
        private static void RecordNotApplied(string groupId, List<(string Id, bool Add)> chunk, Models.ScimGroup? answer,
            List<(string, bool, ScimException)> failures)
        {
            if (answer?.Members == null)
            {
                return;
            }
            var members = new HashSet<string>(answer.Members.Where(m => m.Value != null).Select(m => m.Value!), StringComparer.Ordinal);
            foreach (var (id, add) in chunk.Where(c => members.Contains(c.Id) != c.Add))
            {
                failures.Add((id, add, new ScimException(ScimErrorKind.ChangeNotApplied, "PATCH", "Groups/" + groupId, 200, null,
                    "the server answered the " + (add ? "addition" : "removal") + " of member " + id + " with success, but its answer "
                    + (add ? "does not list it" : "still lists it"))));
            }
        }

        /// <summary>A refusal of the request as sent, which a smaller one may not meet: never a failing server (5xx,
        /// throttling, which halving would only multiply), a refused credential, a group that is gone, or a form the
        /// server does not take at all (a smaller request in the same form is refused the same way).</summary>
        private static bool IsRefusalOfTheWhole(ScimException ex)
        {
            if (ex.Kind == ScimErrorKind.PayloadTooLarge)
            {
                return true;
            }
            return (ex.Kind == ScimErrorKind.BadRequest || ex.Kind == ScimErrorKind.Conflict)
                && !FormRefusals.Contains(ex.ScimType ?? string.Empty);
        }

        private static readonly HashSet<string> FormRefusals = new HashSet<string>(StringComparer.Ordinal)
        {
            "invalidSyntax", "invalidPath", "invalidFilter", "mutability", "noTarget",
        };
    }
}
