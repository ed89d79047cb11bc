# Servers built only for Okta or Entra, and each way a server may differ from the RFC on its own: the module
# learns what the server offers and falls back, or refuses plainly where safety depends on what it cannot read.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function Read-Journal([string] $Path) {
        @(Get-Content -LiteralPath $Path | ForEach-Object { $_ | ConvertFrom-Json })
    }

    # A server with the given switches, connected, holding ada and bob in Finance and ada alone in Analytics.
    function Start-ProfileServer([string[]] $Arguments) {
        $script:Emulator = Start-TestEmulator -ExtraArguments $Arguments
        Connect-TestEmulator -Emulator $script:Emulator
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com'
        $script:bob = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        $script:finance = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Finance' -MemberIds $script:ada.id, $script:bob.id
        $script:analytics = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Analytics' -MemberIds $script:ada.id
        $script:journal = New-TestJournalPath
        Reset-ModeScimEmulator $script:Emulator
    }

    function Stop-ProfileServer {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    function Get-Stats { Get-ModeScimEmulatorStats $script:Emulator }

    function Get-VerboseText([scriptblock] $ScriptBlock) {
        $ErrorActionPreference = 'Continue'
        $VerbosePreference = 'Continue'
        @(& $ScriptBlock 4>&1 2>$null | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
}

Describe 'An Okta-built server (groups on users always empty, PUT-style profiles, members-only value paths)' {
    BeforeAll { Start-ProfileServer @('--profile', 'okta') }
    AfterAll { Stop-ProfileServer }

    It 'journals the groups a user really has, although the server says "groups": []' {
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).groups.Count | Should -Be 0

        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal

        @((Read-Journal $script:journal)[0].groups.displayName | Sort-Object) | Should -Be @('Analytics', 'Finance')
        (Get-ModeScimConnection).UserGroups | Should -Be 'Unsupported'
    }

    It 'restores those groups with Enable-ModeUser -RestoreGroups' {
        Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal
        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:analytics.id | Should -Be @($script:ada.id)
    }

    It 'changes an email by replacing the list when the server refuses emails[type eq "work"].value' {
        Set-ModeUser 'bob@example.com' -Email 'robert@example.com'
        @((Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).emails.value) | Should -Be @('robert@example.com')
        (Get-ModeScimConnection).PatchValuePaths | Should -Be 'Unsupported'
    }

    It 'reads a numeric error status and a JSON content type like any other' {
        $errors = Get-ErrorRecords { Set-ModeUser 'bob@example.com' -NewUserName 'ada@example.com' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserAlreadyExists,ModeScim.PowerShell.Commands.SetModeUserCommand'
    }
}

Describe 'An Entra-built server that answers no filter on members (no groups on users, no members on groups, 204 for PATCH)' {
    BeforeAll { Start-ProfileServer @('--profile', 'entra', '--group-member-filter', 'none') }
    AfterAll { Stop-ProfileServer }

    It 'refuses to disable with ModeScim.MembershipUnreadable, naming the switch, and changes nothing' {
        $errors = Get-ErrorRecords { Disable-ModeUser 'ada@example.com' -JournalPath $script:journal }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.MembershipUnreadable,ModeScim.PowerShell.Commands.DisableModeUserCommand'
        $errors[0].Exception.Message | Should -Match '-AllowUnknownGroups'
        (Get-Stats).mutating | Should -Be 0
        $script:journal | Should -Not -Exist
    }

    It 'disables with -AllowUnknownGroups, recording the groups as unknown rather than none' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal -AllowUnknownGroups -WarningAction SilentlyContinue

        $record = (Read-Journal $script:journal)[0]
        $record.groupsKnown | Should -BeFalse
        (Get-ModeScimJournal -Path $script:journal)[0].GroupsKnown | Should -BeFalse
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse
    }

    It 'warns, rather than restoring nothing silently, when the record says the groups were unknown' {
        $warnings = @(Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warnings.Message | Should -Match 'could not be read'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeTrue
    }

    It 'refuses Sync-ModeUser disables the same way' {
        $result = [pscustomobject]@{ UserName = 'ada@example.com' } | Sync-ModeUser -DisableMissing -MaxDisable 1 -JournalPath $script:journal -ErrorAction SilentlyContinue
        @($result.Disabled).Count | Should -Be 0
        $result.Failed.Reason | Should -Be 'ModeScim.MembershipUnreadable'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeTrue
    }

    It 'refuses a Sync-ModeGroup that may remove, but adds with -AddOnly' {
        $newcomer = New-EmulatorUser -Emulator $script:Emulator -UserName 'cy@example.com'
        $errors = Get-ErrorRecords { $null = Sync-ModeGroup -Group 'Finance' -Member 'cy@example.com' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.MembershipUnreadable,ModeScim.PowerShell.Commands.SyncModeGroupCommand'
        $errors[0].Exception.Message | Should -Match '-AddOnly'

        Reset-ModeScimEmulator $script:Emulator
        $result = Sync-ModeGroup -Group 'Finance' -Member 'cy@example.com' -AddOnly
        @($result.Added) | Should -Be @('cy@example.com')
        (Get-Stats).PATCH | Should -Be 1
        $newcomer.id | Should -Not -BeNullOrEmpty
    }

    It 'says why Get-ModeGroupMember cannot list members' {
        $errors = Get-ErrorRecords { Get-ModeGroupMember 'Finance' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.MembershipUnreadable,ModeScim.PowerShell.Commands.GetModeGroupMemberCommand'
    }

    It 'returns the changed user after a bare 204' {
        (Set-ModeUser 'bob@example.com' -GivenName 'Robert' -PassThru).GivenName | Should -Be 'Robert'
    }
}

Describe 'Discovery answered by <Answer>' -ForEach @(
    @{ Answer = 'a 404'; Setting = 'absent'; State = 'Absent' }
    @{ Answer = 'a 401'; Setting = '401'; State = 'Broken' }
    @{ Answer = 'a 500'; Setting = '500'; State = 'Broken' }
    @{ Answer = 'an HTML page'; Setting = 'html'; State = 'Broken' }
) {
    BeforeAll { $script:Emulator = Start-TestEmulator -ExtraArguments @('--discovery', $Setting) }
    AfterAll { Stop-ModeScimEmulator $script:Emulator }

    It 'connects with a verbose line, no warning, and the fact on the connection' {
        $output = Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token) -MaxRetries 0 -Verbose 3>&1 4>&1
        @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 0
        @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'ServiceProviderConfig'
        "$((Get-ModeScimConnection).Discovery)" | Should -Be $State
        @(Get-ModeUser).Count | Should -Be 0
        Disconnect-ModeScim
    }

    It 'still fails to connect with a wrong token' {
        { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString 'wrong') -MaxRetries 0 } |
            Should -Throw -ErrorId 'ModeScim.Unauthorized,ModeScim.PowerShell.Commands.ConnectModeScimCommand'
    }
}

Describe 'A server that takes only eq and and in filters' {
    BeforeAll {
        Start-ProfileServer @('--filters', 'eq-and')
        $script:team = foreach ($i in 1..6) { New-EmulatorUser -Emulator $script:Emulator -UserName "team$i@example.com" }
    }
    AfterAll { Stop-ProfileServer }

    It 'learns from the first refusal and looks names up one at a time, each name once' {
        Reset-ModeScimEmulator $script:Emulator
        $group = New-ModeGroup 'Team' -Member $script:team.userName

        $group.MemberCount | Should -Be 6
        $stats = Get-Stats
        $stats.refused.invalidFilter | Should -Be 1
        # One refused batch, then one lookup per name.
        $stats.routes.'GET Users' | Should -Be 7
        (Get-ModeScimConnection).OrFilter | Should -Be 'Unsupported'
    }

    It 'goes straight to single lookups once it knows' {
        Reset-ModeScimEmulator $script:Emulator
        Add-ModeGroupMember -Group 'Team' -Member 'ada@example.com', 'bob@example.com'
        $stats = Get-Stats
        @($stats.refused.PSObject.Properties).Count | Should -Be 0
        $stats.routes.'GET Users' | Should -Be 2
    }

    It 'matches wildcards, emails and status on a listing, and says so' {
        $verbose = Get-VerboseText { @(Get-ModeUser -UserName 'team1*') }
        @(Get-ModeUser -UserName 'team1*').UserName | Should -Be @('team1@example.com')
        $verbose -join "`n" | Should -Match 'matching userName like'
        @(Get-ModeUser -Email 'TEAM2@example.com').UserName | Should -Be @('team2@example.com')
        @(Get-ModeUser -Status Active).Count | Should -Be 8
        (Get-ModeScimConnection).StartsWithFilter | Should -Be 'Unsupported'
        (Get-ModeScimConnection).EmailFilter | Should -Be 'Unsupported'
        (Get-ModeScimConnection).ActiveFilter | Should -Be 'Unsupported'
    }

    It 'completes userNames by reading the first pages and matching here, since "sw" is refused' {
        $line = 'Disable-ModeUser -Identity team1'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @('team1@example.com')
    }

    It 'reads group members by id one at a time' {
        Reset-ModeScimEmulator $script:Emulator
        @(Get-ModeGroupMember 'Finance').UserName | Sort-Object | Should -Be @('ada@example.com', 'bob@example.com')
        $stats = Get-Stats
        $stats.routes.'GET Users/{id}' | Should -Be 2
        @($stats.refused.PSObject.Properties).Count | Should -Be 0
    }
}

Describe 'A server that refuses escapes in filter values' {
    BeforeAll {
        Start-ProfileServer @('--filter-escapes', 'refuse')
        $script:odd = New-EmulatorUser -Emulator $script:Emulator -UserName 'a"b\c@example.com'
        $null = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Q"uote'
    }
    AfterAll { Stop-ProfileServer }

    It 'finds a userName with a quote and a backslash, exactly' {
        (Get-ModeUser 'a"b\c@example.com').Id | Should -Be $script:odd.id
        (Get-ModeScimConnection).FilterEscapes | Should -Be 'Unsupported'
        { Get-ModeUser 'A"B\C@example.com' -ErrorAction Stop } | Should -Not -Throw
    }

    It 'finds a group name with a quote' {
        (Get-ModeGroup 'Q"uote').DisplayName | Should -Be 'Q"uote'
    }

    It 'adds such a user to a group' {
        Add-ModeGroupMember -Group 'Analytics' -Member 'a"b\c@example.com', 'bob@example.com'
        (Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:analytics.id) | Should -Contain $script:odd.id
    }
}

Describe 'A server whose users carry groups that are <Case>' -ForEach @(
    @{ Case = 'always empty'; Mode = 'empty' }
    @{ Case = 'left out'; Mode = 'omitted' }
) {
    BeforeAll { Start-ProfileServer @('--user-groups', $Mode) }
    AfterAll { Stop-ProfileServer }

    It 'never journals "no groups" for a user who has some' {
        'ada@example.com', 'bob@example.com' | Disable-ModeUser -JournalPath $script:journal
        $records = Read-Journal $script:journal
        @(($records | Where-Object userName -EQ 'ada@example.com').groups.displayName | Sort-Object) | Should -Be @('Analytics', 'Finance')
        @(($records | Where-Object userName -EQ 'bob@example.com').groups.displayName) | Should -Be @('Finance')
    }

    It 'journals leavers'' real groups in Sync-ModeUser' {
        $carl = New-EmulatorUser -Emulator $script:Emulator -UserName 'carl@example.com'
        $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Groups/$($script:analytics.id)" -Body @{
            schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'add'; path = 'members'; value = @(@{ value = $carl.id }) })
        }
        $null = [pscustomobject]@{ UserName = 'ada@example.com' } | Sync-ModeUser -DisableMissing -MaxDisable 1 -JournalPath $script:journal
        @((Read-Journal $script:journal | Where-Object userName -EQ 'carl@example.com').groups.displayName) | Should -Be @('Analytics')
    }
}

Describe 'A server that leaves members out of group listings but not out of a read of one group' {
    BeforeAll { Start-ProfileServer @('--group-members', 'not-in-lists', '--user-groups', 'omitted') }
    AfterAll { Stop-ProfileServer }

    It 'journals the groups read one group at a time, never "no groups"' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        @((Read-Journal $script:journal)[0].groups.displayName | Sort-Object) | Should -Be @('Analytics', 'Finance')
    }

    It 'syncs a group from its members as read by id' {
        $result = Sync-ModeGroup -Group 'Finance' -Member 'ada@example.com'
        @($result.Removed) | Should -Be @('bob@example.com')
        @($result.Added) | Should -Be @('ada@example.com')
    }
}

Describe 'A server that answers PATCH on users with 405' {
    BeforeAll { Start-ProfileServer @('--user-patch', '405') }
    AfterAll { Stop-ProfileServer }

    It 'deactivates by PUT of the whole user, keeping its other attributes' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        $onServer = Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id
        $onServer.active | Should -BeFalse
        @($onServer.emails.value) | Should -Be @('ada@example.com')
        (Get-ModeScimConnection).UserPatch | Should -Be 'Unsupported'
    }

    It 'sends no more PATCH to users once it knows' {
        Reset-ModeScimEmulator $script:Emulator
        Set-ModeUser 'bob@example.com' -GivenName 'Robert'
        $stats = Get-Stats
        $stats.PATCH | Should -Be 0
        $stats.PUT | Should -Be 1
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).name.givenName | Should -Be 'Robert'
    }

    It 'still PATCHes group members' {
        Add-ModeGroupMember -Group 'Analytics' -Member 'bob@example.com'
        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:analytics.id | Should -Contain $script:bob.id
    }
}

Describe 'A server that filters on emails but refuses a filter on active' {
    BeforeAll {
        Start-ProfileServer @('--filters', 'eq-and', '--filter-attributes', 'emails.value')
        foreach ($i in 1..6) { $null = New-EmulatorUser -Emulator $script:Emulator -UserName "team$i@example.com" }
        # Two users a page: a listing of the eight users takes four requests, a lookup one.
        Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token) -PageSize 2
    }
    AfterAll { Stop-ProfileServer }

    It 'learns the refusal of active alone, and still looks emails up with a filter' {
        @(Get-ModeUser -Status Active).Count | Should -Be 8
        (Get-ModeScimConnection).ActiveFilter | Should -Be 'Unsupported'
        Reset-ModeScimEmulator $script:Emulator

        @(Get-ModeUser -Email 'TEAM3@example.com').UserName | Should -Be @('team3@example.com')

        $stats = Get-Stats
        $stats.routes.'GET Users' | Should -Be 1
        @($stats.refused.PSObject.Properties).Count | Should -Be 0
        (Get-ModeScimConnection).EmailFilter | Should -Be 'Supported'
        (Get-ModeScimConnection).ActiveFilter | Should -Be 'Unsupported'
    }
}

Describe 'A server that caps a group''s members and refuses a change past the cap with a bare 400' {
    BeforeAll {
        Start-ProfileServer @('--max-group-members', '3')
        $script:cy = New-EmulatorUser -Emulator $script:Emulator -UserName 'cy@example.com'
        $script:dee = New-EmulatorUser -Emulator $script:Emulator -UserName 'dee@example.com'
        $script:eve = New-EmulatorUser -Emulator $script:Emulator -UserName 'eve@example.com'
    }
    AfterAll { Stop-ProfileServer }

    It 'swaps a member of a full group: the removal goes before the addition' {
        $full = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Full' -MemberIds $script:ada.id, $script:bob.id, $script:cy.id

        $result = Sync-ModeGroup -Group 'Full' -Member 'ada@example.com', 'bob@example.com', 'dee@example.com'

        @($result.Failed) | Should -BeNullOrEmpty
        $members = @((Get-EmulatorState -Emulator $script:Emulator).groups | Where-Object id -eq $full.id).members
        @($members | Sort-Object) | Should -Be @(@($script:ada.id, $script:bob.id, $script:dee.id) | Sort-Object)
    }

    It 'adds what fits when a batch would pass the cap, and reports only the member that did not' {
        $nearly = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Nearly' -MemberIds $script:ada.id, $script:bob.id

        $errors = Get-ErrorRecords { Add-ModeGroupMember -Group 'Nearly' -Member 'dee@example.com', 'eve@example.com' }

        @($errors).Count | Should -Be 1
        $errors[0].TargetObject | Should -Match 'eve@example.com'
        $members = @((Get-EmulatorState -Emulator $script:Emulator).groups | Where-Object id -eq $nearly.id).members
        @($members | Sort-Object) | Should -Be @(@($script:ada.id, $script:bob.id, $script:dee.id) | Sort-Object)
    }
}

Describe 'A server that keys users by email too, and refuses a create whose email another user has' {
    BeforeAll { Start-ProfileServer @('--unique-emails', 'yes') }
    AfterAll { Stop-ProfileServer }

    It 'reports the server''s own reason from New-ModeUser, not a userName taken by another user' {
        $errors = Get-ErrorRecords { New-ModeUser -UserName 'ada.lovelace@example.com' -Email 'ada@example.com' }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserAlreadyExists,ModeScim.PowerShell.Commands.NewModeUserCommand'
        $errors[0].Exception.Message | Should -Match 'yet no user has that userName'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape("emails 'ada@example.com' is already taken by user '$($script:ada.id)'"))
        $errors[0].Exception.Message | Should -Not -Match 'already taken by another user'
        @((Get-EmulatorState -Emulator $script:Emulator).users).Count | Should -Be 2
    }
}

Describe 'A server that answers a duplicate create with the existing user (<Mode>)' -ForEach @(
    @{ Mode = 'adopt-201' }
    @{ Mode = 'adopt-200' }
) {
    BeforeAll { Start-ProfileServer @('--duplicate-create', $Mode) }
    AfterAll { Stop-ProfileServer }

    It 'reports ModeScim.UserAlreadyExists from New-ModeUser, naming the holder, and creates nobody' {
        $errors = Get-ErrorRecords { New-ModeUser -UserName 'ADA@example.com' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserAlreadyExists,ModeScim.PowerShell.Commands.NewModeUserCommand'
        $errors[0].Exception.Message | Should -Match $script:ada.id
        (Get-Stats).POST | Should -Be 0
    }
}

Describe 'A server that answers a create for a userName it has with that user (adopt-200)' {
    BeforeAll { Start-ProfileServer @('--duplicate-create', 'adopt-200') }
    AfterAll { Stop-ProfileServer }

    It 'counts the user as matched, not created, in Sync-ModeUser' {
        # Keyed by externalId, ada (whose externalId here is another) is not matched by the listing: the plan creates
        # her, and the server hands back the ada it has.
        $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Users/$($script:ada.id)" -Body @{
            schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'replace'; path = 'externalId'; value = 'E-0' })
        }
        $row = [pscustomobject]@{ UserName = 'ada@example.com'; ExternalId = 'E-1'; GivenName = 'Ada'; FamilyName = 'Lovelace' }
        $result = $row | Sync-ModeUser -Key ExternalId -WarningVariable warnings -WarningAction SilentlyContinue
        @($result.Created).Count | Should -Be 0
        $result.Unchanged | Should -Be 1
        $warnings.Message | Should -Match 'matched, not created'
        @((Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path 'Users').Resources).Count | Should -Be 2
    }
}

Describe 'A server that answers a path that is not an id with <Status>' -ForEach @(
    @{ Status = 400 }
    @{ Status = 500 }
) {
    BeforeAll { Start-ProfileServer @('--non-id-path', "$Status") }
    AfterAll { Stop-ProfileServer }

    It 'reports a name nobody has as ModeScim.UserNotFound after one probe, not as a failure' {
        $errors = Get-ErrorRecords { Get-ModeUser 'ghost@example.com' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.GetModeUserCommand'
        (Get-Stats).routes.'GET Users/{id}' | Should -Be 1
    }

    It 'still finds a user by id and a group by name' {
        (Get-ModeUser $script:bob.id).UserName | Should -Be 'bob@example.com'
        (Get-ModeGroup 'Finance').Id | Should -Be $script:finance.id
    }
}

Describe 'A strictly RFC server that refuses Entra''s forms' {
    BeforeAll { Start-ProfileServer @('--entra-forms', 'refuse') }
    AfterAll { Stop-ProfileServer }

    It 'receives only RFC forms: lower-case ops, booleans, path-filter removals' {
        Disable-ModeUser 'bob@example.com' -JournalPath $script:journal
        Remove-ModeGroupMember -Group 'Analytics' -Member 'ada@example.com' -Confirm:$false
        $stats = Get-Stats
        @($stats.refused.PSObject.Properties).Count | Should -Be 0
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeFalse
        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:analytics.id).Count | Should -Be 0
    }
}

Describe 'A server that ignores attributes and excludedAttributes' {
    BeforeAll { Start-ProfileServer @('--attribute-selection', 'ignored') }
    AfterAll { Stop-ProfileServer }

    It 'reads a group by name and by id' {
        (Get-ModeGroup 'Finance').Id | Should -Be $script:finance.id
        (Get-ModeGroup $script:finance.id).DisplayName | Should -Be 'Finance'
    }
}

Describe 'A server that answers a deactivation with success and does not apply it' {
    AfterEach { Stop-ProfileServer }

    It 'reports ModeScim.ChangeNotApplied for a deactivation the server kept, and keeps the journal record of the attempt' {
        Start-ProfileServer @('--deactivation', 'ignored')

        $errors = Get-ErrorRecords { 'ada@example.com', 'bob@example.com' | Disable-ModeUser -JournalPath $script:journal }

        @($errors.FullyQualifiedErrorId | Select-Object -Unique) | Should -Be @('ModeScim.ChangeNotApplied,ModeScim.PowerShell.Commands.DisableModeUserCommand')
        $errors.Count | Should -Be 2
        $errors[0].Exception.Message | Should -BeLike '*still says active: true*'
        @((Get-EmulatorState -Emulator $script:Emulator).users | Where-Object active).Count | Should -Be 2
        @(Read-Journal $script:journal).Count | Should -Be 2
    }

    It 'disables with the pathless form Okta sends where the server applies only that, and learns it' {
        Start-ProfileServer @('--deactivation', 'path-ignored')

        'ada@example.com', 'bob@example.com' | Disable-ModeUser -JournalPath $script:journal

        @((Get-EmulatorState -Emulator $script:Emulator).users | Where-Object active) | Should -BeNullOrEmpty
        (Get-ModeScimConnection).PathlessActive | Should -Be 'Supported'
    }
}

Describe 'A server that keys users by email too and answers a create whose email is taken with that email''s holder' {
    BeforeAll { Start-ProfileServer @('--unique-emails', 'yes', '--duplicate-create', 'adopt-201') }
    AfterAll { Stop-ProfileServer }
    BeforeEach {
        Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Users/$($script:bob.id)" -Body @{
            schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'replace'; path = 'active'; value = $false })
        } | Out-Null
    }

    It 'never takes the other user for the one asked for in Sync-ModeUser, and never re-enables them' {
        $rows = [pscustomobject]@{ UserName = 'ada@example.com' }, [pscustomobject]@{ UserName = 'bobby@example.com'; Email = 'bob@example.com' }

        $result = $rows | Sync-ModeUser -ErrorAction SilentlyContinue -ErrorVariable errors

        @($result.Enabled) | Should -BeNullOrEmpty
        @($result.Created) | Should -BeNullOrEmpty
        ($result.Failed | Where-Object UserName -eq 'bobby@example.com').Change | Should -Be 'Create'
        "$($errors[0])" | Should -BeLike "*create of 'bobby@example.com' with another user, 'bob@example.com'*"
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeFalse
    }

    It 'writes an error, not the other user, from New-ModeUser' {
        $output = $null
        $errors = Get-ErrorRecords { $script:output = New-ModeUser -UserName 'bobby@example.com' -Email 'bob@example.com' }

        $script:output | Should -BeNullOrEmpty
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserAlreadyExists,ModeScim.PowerShell.Commands.NewModeUserCommand'
        "$($errors[0])" | Should -BeLike "*another user, 'bob@example.com'*"
    }
}
