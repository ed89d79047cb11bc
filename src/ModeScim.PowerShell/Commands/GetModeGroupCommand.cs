using System;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Filtering;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Gets Mode groups: all, by identity, by displayName (wildcards) or by SCIM filter.</summary>
    [Cmdlet(VerbsCommon.Get, "ModeGroup", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ModeGroup))]
    public sealed class GetModeGroupCommand : ModeScimConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdentitySet = "Identity";
        private const string DisplayNameSet = "DisplayName";

        /// <summary>A group object, displayName or id.</summary>
        [Parameter(ParameterSetName = IdentitySet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity?[] Identity { get; set; } = Array.Empty<ModeGroupIdentity>();

        /// <summary>A displayName; wildcards allowed.</summary>
        [Parameter(ParameterSetName = DisplayNameSet, Mandatory = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public string DisplayName { get; set; } = string.Empty;

        /// <summary>A SCIM filter, such as 'displayName sw "Sales"'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string? Filter { get; set; }

        /// <summary>Leave the member lists out: much faster for big groups.</summary>
        [Parameter]
        public SwitchParameter ExcludeMembers { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != IdentitySet)
            {
                return;
            }
            // -Identity $null binds a null array: one missing identity, reported as such.
            foreach (var identity in Identity ?? new ModeGroupIdentity?[] { null })
            {
                var group = ResolveGroup(identity, withMembers: !ExcludeMembers);
                if (group != null)
                {
                    WriteObject(ModeGroup.From(group));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == IdentitySet)
            {
                return;
            }
            var query = new ScimListQuery();
            WildcardPattern? pattern = null;
            try
            {
                if (ParameterSetName == DisplayNameSet)
                {
                    if (WildcardPattern.ContainsWildcardCharacters(DisplayName))
                    {
                        pattern = new WildcardPattern(DisplayName, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                    }
                    else
                    {
                        query.Filter = ScimFilter.Equal("displayName", DisplayName);
                    }
                }
                else if (Filter != null)
                {
                    query.Filter = ScimFilter.Raw(Filter);
                }
            }
            catch (ArgumentException ex)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(ex.Message, Filter, ex));
                return;
            }
            if (ExcludeMembers)
            {
                query.ExcludedAttributes.Add("members");
            }
            var written = 0;
            try
            {
                foreach (var page in Stream(Client.Groups.ListAsync(query, StopToken)))
                {
                    foreach (var group in page.Resources)
                    {
                        if (pattern == null || pattern.IsMatch(group.DisplayName ?? string.Empty))
                        {
                            WriteObject(ModeGroup.From(group));
                            written++;
                        }
                    }
                }
                if (ParameterSetName == DisplayNameSet && pattern == null && written == 0)
                {
                    WriteItemError(ErrorRecordFactory.GroupNotFound(DisplayName));
                }
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, query.Filter?.ToString(), ScimResourceKind.Group);
            }
        }
    }
}
