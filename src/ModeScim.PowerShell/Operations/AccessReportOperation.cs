using System;
using System.Collections.Generic;
using ModeScim.Client;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Get-ModeAccessReport was asked, besides the reference rows.</summary>
    internal sealed class AccessReportOptions
    {
        /// <summary>-Key ExternalId: reference rows vouch for users by externalId, not by userName.</summary>
        public bool ByExternalId { get; set; }

        /// <summary>-Reference was given (or piped), even if empty: everyone it does not name is then orphaned.</summary>
        public bool ReferenceGiven { get; set; }

        public bool Summary { get; set; }

        public int? InactiveDays { get; set; }
    }

    /// <summary>Get-ModeAccessReport's reads: the reference rows as piped, then the group side and Mode's own accounts, then
    /// the users page by page, each made a row (<see cref="AccessReportPlanner"/>) and written as its page arrives, so
    /// neither the users nor the rows of a large workspace are held. Changes nothing.</summary>
    internal sealed class AccessReportOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly AccessReportOptions _options;

        // Read as they arrive, so the rows themselves (and the member caches PowerShell keeps on them) are not held.
        private readonly List<UserSpec> _reference = new List<UserSpec>();

        // The first reference row's columns and the number of rows, for the error about a reference without keys.
        private string? _firstColumns;
        private int _referenceRows;

        public AccessReportOperation(IOperationHost host, ModeSession session, AccessReportOptions options)
        {
            _host = host;
            _session = session;
            _options = options;
        }

        private string KeyName => _options.ByExternalId ? "ExternalId" : "UserName";

        /// <summary>Refuses, before any request, what the connection cannot serve.</summary>
        public void Begin()
        {
            if (_options.InactiveDays.HasValue)
            {
                _session.RequireApi("Get-ModeAccessReport -InactiveDays");
            }
        }

        /// <param name="columns">Describes the row's columns; asked of the first row only.</param>
        public void AddReference(UserSpec row, Func<string> columns)
        {
            _firstColumns ??= columns();
            _referenceRows++;
            _reference.Add(row);
        }

        /// <summary>Writes the rows (or the summary) and returns how many users were read.</summary>
        public int End()
        {
            var reference = _options.ReferenceGiven ? AccessReference.From(_reference, _options.ByExternalId)
                : AccessReference.None(_options.ByExternalId);
            _reference.Clear();
            if (reference.IsGiven && _referenceRows > 0 && reference.Keyed == 0)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.ReferenceWithoutKeys(UserColumns.NoKeyDetail(_referenceRows, KeyName,
                    _firstColumns ?? "(none)"), _referenceRows));
            }
            if (reference.UnreadableStatus.Count > 0)
            {
                _host.WriteWarning(reference.UnreadableStatus.Count + " reference row(s) have a status this module cannot read ("
                    + Sample.Of(reference.UnreadableStatus) + "): they are taken as expected, not as leavers.");
            }
            // Everything a row needs from elsewhere is read before the users, so each user becomes a row as its page
            // arrives and is written at once.
            var sources = new AccessReportSourcesReader(_host, _session, _options.InactiveDays.HasValue).Read();
            var planner = new AccessReportPlanner(reference, sources, _options.InactiveDays, DateTimeOffset.UtcNow);
            var tally = new AccessReportTally();
            var read = ListUsers(planner, tally, excludeOwnGroups: sources.Groups != null);
            if (sources.Groups == null)
            {
                _host.WriteWarning(planner.AnyOwnGroups
                    ? "The groups' members cannot be read: the Groups column is taken from each user's 'groups', which the server"
                        + " may not keep complete."
                    : "Neither the groups' members nor the users' groups can be read: the Groups column is unknown (empty) for"
                        + " every user.");
            }
            foreach (var row in planner.Rest())
            {
                Emit(row, tally);
            }
            var summary = tally.ToSummary(sources.Directory);
            _host.WriteVerbose(summary.ToString());
            if (_options.Summary)
            {
                _host.WriteObject(summary);
            }
            return read;
        }

        /// <summary>Lists the users, writing each one's row as its page arrives; returns how many were read.</summary>
        /// <param name="excludeOwnGroups">The group side was read: users are listed without their own "groups", which
        /// servers that honour excludedAttributes then leave out of every page.</param>
        private int ListUsers(AccessReportPlanner planner, AccessReportTally tally, bool excludeOwnGroups)
        {
            var listing = new ScimListQuery();
            if (excludeOwnGroups)
            {
                listing.ExcludedAttributes.Add("groups");
            }
            var read = 0;
            try
            {
                var progress = new ThrottledProgress(_host.WriteProgress, ProgressIds.Listing, "Get-ModeAccessReport: reading users");
                foreach (var page in _host.Stream(_session.Client.Users.ListAsync(listing, default)))
                {
                    foreach (var user in page.Resources)
                    {
                        Emit(planner.RowOf(user), tally);
                    }
                    read += page.Resources.Count;
                    var of = page.TotalResults.HasValue ? " of " + page.TotalResults : string.Empty;
                    progress.Report(read, page.TotalResults, read + of + " users");
                }
                progress.Complete();
            }
            catch (ScimException ex)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.FromScimException(ex, null, ScimResourceKind.User));
            }
            ShortListing.Warn(_host, listing.Outcome, "users");
            return read;
        }

        private void Emit(ModeAccessReportRow row, AccessReportTally tally)
        {
            tally.Add(row);
            if (!_options.Summary)
            {
                _host.WriteObject(row);
            }
        }
    }
}
