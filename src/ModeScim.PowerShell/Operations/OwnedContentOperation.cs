using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.ModeApi;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Workspace;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Get-ModeContent: the collections and reports members created, from Mode's REST API: what a leaver owns,
    /// before anyone decides who takes it over. Mode names a creator only in each item's links, so every collection's
    /// reports are read.</summary>
    internal sealed class OwnedContentOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeApiClient _api;

        /// <summary>Refuses, before any request, a connection without the REST API.</summary>
        public OwnedContentOperation(IOperationHost host, ModeSession session)
        {
            _host = host;
            _api = session.RequireApi("Get-ModeContent");
        }

        /// <summary>Writes each collection and report the <paramref name="ownerNames"/> created; a failure to read the
        /// workspace ends the command, one collection's reports that cannot be read are that collection's error.</summary>
        public void List(IReadOnlyCollection<string> ownerNames, string? kind)
        {
            var api = _api;
            try
            {
                var directory = new WorkspaceDirectory(_host.Await(api.ReadAccountsAsync));
                var owners = new Dictionary<string, ModeWorkspaceAccount>(StringComparer.OrdinalIgnoreCase);
                foreach (var text in ownerNames.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    var account = directory.Find(text);
                    if (account == null)
                    {
                        _host.WriteItemError(ErrorRecordFactory.AccountNotFound(text, "-Owner"));
                        continue;
                    }
                    owners[account.Username] = account;
                }
                if (owners.Count == 0)
                {
                    return;
                }
                var spaces = _host.Await(api.ListSpacesAsync);
                var byToken = spaces.Where(s => s.Token != null).GroupBy(s => s.Token!).ToDictionary(g => g.Key, g => g.First());
                var unknownOwner = new List<string>();
                if (kind != ModeContentKind.Report)
                {
                    foreach (var space in spaces)
                    {
                        if (TryOwner(owners, space.CreatorUsername, out var owner))
                        {
                            _host.WriteObject(ItemOf(space, owner, api));
                        }
                    }
                    unknownOwner.AddRange(spaces.Where(s => string.IsNullOrEmpty(s.CreatorUsername))
                        .Select(s => s.Label));
                }
                if (kind == ModeContentKind.Collection)
                {
                    WarnOfUnknownOwner(unknownOwner, ownerNames);
                    return;
                }
                var readable = spaces.Where(s => s.Token != null).ToList();
                var reports = _host.AwaitEach(readable,
                    (space, token) => api.ListReportsAsync(space.Token!, token), "Get-ModeContent: reading each collection's reports");
                for (var i = 0; i < reports.Count; i++)
                {
                    var error = reports[i].Error;
                    if (error != null)
                    {
                        _host.WriteScimError(error, readable[i].Name ?? readable[i].Token, ScimResourceKind.Other);
                        continue;
                    }
                    // Without an error, the outcome holds the list the request answered with.
                    var listed = reports[i].Value!;
                    foreach (var report in listed)
                    {
                        if (!TryOwner(owners, report.CreatorUsername, out var owner))
                        {
                            continue;
                        }
                        var space = report.SpaceToken != null && byToken.TryGetValue(report.SpaceToken, out var found) ? found : null;
                        _host.WriteObject(ItemOf(report, space, owner, api));
                    }
                    unknownOwner.AddRange(listed.Where(r => string.IsNullOrEmpty(r.CreatorUsername))
                        .Select(r => "report '" + (r.Name ?? r.Token) + "' in '" + (readable[i].Name ?? readable[i].Token) + "'"));
                }
                WarnOfUnknownOwner(unknownOwner, ownerNames);
            }
            catch (ScimException ex)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.FromScimException(ex, null, ScimResourceKind.Other));
            }
        }

        /// <summary>Content without a creator may be anyone's: left out silently, the list would read as complete.</summary>
        private void WarnOfUnknownOwner(List<string> unknown, IReadOnlyCollection<string> ownerNames)
        {
            if (unknown.Count > 0)
            {
                _host.WriteWarning("The REST API names no creator for " + unknown.Count + " item(s), so whether they belong to "
                    + string.Join(", ", ownerNames.Distinct(StringComparer.OrdinalIgnoreCase)) + " is unknown: "
                    + Sample.Of(unknown) + ".");
            }
        }

        /// <summary>Whether the creator is one of the owners asked about, and which.</summary>
        private static bool TryOwner(Dictionary<string, ModeWorkspaceAccount> owners, string? creator,
            [NotNullWhen(true)] out ModeWorkspaceAccount? owner)
        {
            owner = null;
            return creator != null && owners.TryGetValue(creator, out owner);
        }

        private static ModeContentItem ItemOf(ModeSpace space, ModeWorkspaceAccount owner, ModeApiClient api)
        {
            return new ModeContentItem
            {
                Kind = ModeContentKind.Collection,
                Name = space.Name ?? string.Empty,
                Owner = owner.Username,
                OwnerEmail = owner.Email,
                Collection = space.Name,
                Personal = space.IsPersonal,
                Token = space.Token ?? string.Empty,
                CollectionToken = space.Token,
                Url = WebUrl(space.LinkOf("web"), api),
            };
        }

        private static ModeContentItem ItemOf(ModeReport report, ModeSpace? space, ModeWorkspaceAccount owner, ModeApiClient api)
        {
            return new ModeContentItem
            {
                Kind = ModeContentKind.Report,
                Name = report.Name ?? string.Empty,
                Owner = owner.Username,
                OwnerEmail = owner.Email,
                Collection = space?.Name,
                Personal = space?.IsPersonal ?? false,
                Token = report.Token ?? string.Empty,
                CollectionToken = report.SpaceToken,
                Url = WebUrl(report.LinkOf("web"), api),
            };
        }

        // A web link is a path on the API's host; one that names another host is shown as it is, never followed.
        private static string? WebUrl(string? href, ModeApiClient api)
        {
            if (string.IsNullOrEmpty(href))
            {
                return null;
            }
            return Uri.TryCreate(api.Options.ApiBaseUri, href, out var url) ? url.AbsoluteUri : href;
        }
    }
}
