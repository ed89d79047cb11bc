using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Journal
{
    internal static class JournalMapper
    {
        /// <summary>A record of a change to a user whose groups were just read: they, whether they are known, and their source.</summary>
        public static JournalEntry NewEntry(string action, ScimUser user, ScimUserMemberships memberships, string? reason, Uri baseUri)
        {
            var groups = memberships.Groups.Select(g => new ModeGroupMembership(g.Value!, g.Display));
            var entry = NewEntry(action, user, groups, reason, baseUri, memberships.IsKnown);
            entry.GroupsSource = SourceName(memberships.Source);
            return entry;
        }

        public static string SourceName(ScimMembershipSource source) => source switch
        {
            ScimMembershipSource.UserAttribute => "userAttribute",
            ScimMembershipSource.Groups => "groups",
            ScimMembershipSource.GroupFilter => "groupFilter",
            ScimMembershipSource.ModeApi => "modeApi",
            _ => "unknown",
        };

        public static JournalEntry NewEntry(string action, ScimUser user, IEnumerable<ModeGroupMembership> groups, string? reason,
            Uri baseUri, bool groupsKnown = true)
        {
            return new JournalEntry
            {
                Time = DateTime.UtcNow,
                Action = action,
                UserId = user.Id ?? string.Empty,
                UserName = user.UserName ?? string.Empty,
                Groups = groups.Select(g => new JournalGroup { Id = g.Id, DisplayName = g.DisplayName }).ToList(),
                GroupsKnown = groupsKnown ? (bool?)null : false,
                Reason = reason,
                Operator = OperatorName(),
                Host = Environment.MachineName,
                BaseUri = baseUri.AbsoluteUri,
            };
        }

        public static ModeScimJournalRecord ToRecord(JournalEntry entry, string path, int? line)
        {
            return new ModeScimJournalRecord
            {
                Time = entry.Time,
                Action = entry.Action,
                UserId = entry.UserId,
                UserName = entry.UserName,
                Groups = entry.Groups.Select(g => new ModeGroupMembership(g.Id, g.DisplayName)).ToModeList(),
                GroupsKnown = entry.GroupsKnown != false,
                GroupsSource = entry.GroupsSource,
                Reason = entry.Reason,
                Operator = entry.Operator,
                Host = entry.Host,
                BaseUri = entry.BaseUri,
                ContentKind = entry.Content?.Kind,
                ContentName = entry.Content?.Name,
                ContentToken = entry.Content?.Token,
                FromCollection = entry.Content?.FromCollectionName ?? entry.Content?.FromCollection,
                ToCollection = entry.Content?.ToCollectionName ?? entry.Content?.ToCollection,
                Successor = entry.Content?.Successor,
                Path = path,
                Line = line,
                Sequence = entry.Seq,
                After = entry.After == null ? ModeList<string>.Empty : entry.After.Select(r => r.ToString()).ToModeList(),
                Changes = entry.Changes == null ? ModeList<ModeAttributeChange>.Empty : entry.Changes
                    .Select(c => new ModeAttributeChange(c.Attribute, c.Old, c.New, entry.Action == JournalActions.Create)).ToModeList(),
                PlanId = entry.Plan?.Id,
            };
        }

        /// <summary>Who runs the command: DOMAIN\user, or the user alone where the domain is the machine.</summary>
        public static string OperatorName()
        {
            var domain = Environment.UserDomainName;
            var user = Environment.UserName;
            return string.IsNullOrEmpty(domain)
                || string.Equals(domain, Environment.MachineName, StringComparison.OrdinalIgnoreCase) ? user : domain + "\\" + user;
        }
    }
}
