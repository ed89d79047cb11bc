BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 300
    Connect-TestEmulator -Emulator $script:Emulator
    $script:Users = @(Get-ModeUser)
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Add-ModeGroupMember' {
    BeforeEach {
        Get-ModeGroup -DisplayName 'Add *' -ExcludeMembers | Remove-ModeGroup -Confirm:$false
        $script:group = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Add Team' -MemberIds $script:Users[0].Id
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'collects piped userNames and adds them in batched PATCHes' {
        $script:Users[1..250].UserName | Add-ModeGroupMember -Group 'Add Team' -BatchSize 100

        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id).Count | Should -Be 251
        $stats = Get-ModeScimEmulatorStats $script:Emulator
        $stats.PATCH | Should -Be 3
        # One read of the group and a few lookups: each holds as many names as fit a URL, at most 100.
        $stats.GET | Should -BeLessOrEqual 6
    }

    It 'adds members given as a parameter, and skips those already in the group' {
        Add-ModeGroupMember -Group 'Add Team' -Member $script:Users[0..2]

        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id).Count | Should -Be 3
        $patch = (Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path "Groups/$($script:group.id)").members.Count
        $patch | Should -Be 3
    }

    It 'sends nothing when every member is already in the group' {
        Add-ModeGroupMember -Group 'Add Team' -Member $script:Users[0].UserName
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'reports unknown users as ModeScim.UserNotFound and adds the rest' {
        $errors = Get-ErrorRecords { 'ghost@example.com', $script:Users[5].UserName | Add-ModeGroupMember -Group 'Add Team' }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.AddModeGroupMemberCommand'
        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:group.id | Should -Contain $script:Users[5].Id
    }

    It 'sends no PATCH with -WhatIf' {
        $journal = New-TestJournalPath
        Add-ModeGroupMember -Group 'Add Team' -Member $script:Users[9].UserName -WhatIf -JournalPath $journal
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $journal | Should -Not -Exist
    }

    It 'journals a GroupAdd record for each member added, naming the group, and none for those already in it' {
        $journal = New-TestJournalPath
        try {
            Add-ModeGroupMember -Group 'Add Team' -Member $script:Users[0..2].UserName -JournalPath $journal

            $records = @(Get-ModeScimJournal -Path $journal -Action GroupAdd)
            @($records.UserId) | Should -Be @($script:Users[1..2].Id)
            @($records | ForEach-Object { $_.Groups[0].Id } | Select-Object -Unique) | Should -Be @($script:group.id)
            $records[0].Reason | Should -Be 'Add-ModeGroupMember'
            @(Get-ModeScimJournal -Path $journal).Count | Should -Be 2
        }
        finally {
            Remove-Item $journal -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Add-ModeGroupMember from a memberships file' {
    BeforeAll {
        $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-memberships-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Work
    }

    AfterAll {
        Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
    }

    BeforeEach {
        Get-ModeGroup -DisplayName 'File *' -ExcludeMembers | Remove-ModeGroup -Confirm:$false
        $null = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'File Alpha'
        $null = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'File Beta' -MemberIds $script:Users[0].Id
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'adds every row of a Group,Member file to its own group in a -NonInteractive session' {
        $path = Join-Path $script:Work 'group-member.csv'
        @(
            foreach ($user in $script:Users[1..4]) { [pscustomobject]@{ Group = 'File Alpha'; Member = $user.UserName } }
            foreach ($user in $script:Users[3..6]) { [pscustomobject]@{ Group = 'File Beta'; Member = $user.UserName } }
        ) | Export-Csv -LiteralPath $path -NoTypeInformation -Encoding utf8

        $output = Invoke-NonInteractiveStep -Emulator $script:Emulator -Commands "Import-Csv -LiteralPath '$path' | Add-ModeGroupMember"

        $LASTEXITCODE | Should -Be 0 -Because $output
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'File Alpha' | Should -Be @($script:Users[1..4].Id | Sort-Object)
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'File Beta' | Should -Be @($script:Users[0, 3, 4, 5, 6].Id | Sort-Object)
        # One PATCH a group; each user looked up once, though two groups name some of them.
        (Get-ModeScimEmulatorStats $script:Emulator).PATCH | Should -Be 2
    }

    It 'adds every row of a "Group Name,UserName" file piped in a thread job' -Skip:(-not (Get-Command Start-ThreadJob -ErrorAction Ignore)) {
        $path = Join-Path $script:Work 'group-name-username.csv'
        @(
            [pscustomobject]@{ 'Group Name' = 'File Alpha'; UserName = $script:Users[10].UserName }
            [pscustomobject]@{ 'Group Name' = 'File Beta'; UserName = $script:Users[11].UserName }
            [pscustomobject]@{ 'Group Name' = 'File Alpha'; UserName = $script:Users[12].UserName }
        ) | Export-Csv -LiteralPath $path -NoTypeInformation -Encoding utf8

        $job = Start-ThreadJob -ScriptBlock {
            param($Manifest, $Path)
            Import-Module $Manifest
            Import-Csv -LiteralPath $Path | Add-ModeGroupMember
        } -ArgumentList $script:ModuleManifest, $path
        $null = $job | Wait-Job -Timeout 120
        $state = $job.State
        $problems = @()
        $null = $job | Receive-Job -ErrorVariable problems -ErrorAction SilentlyContinue
        $job | Remove-Job -Force

        $state | Should -Be 'Completed' -Because ($problems -join '; ')
        $problems | Should -BeNullOrEmpty
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'File Alpha' | Should -Be @($script:Users[10, 12].Id | Sort-Object)
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'File Beta' | Should -Be @($script:Users[0, 11].Id | Sort-Object)
    }

    It 'refuses a row that names no group with ModeScim.InvalidInput, and adds the others' {
        $rows = @(
            [pscustomobject]@{ Group = ''; Member = $script:Users[20].UserName }
            [pscustomobject]@{ Group = 'File Alpha'; Member = $script:Users[21].UserName }
        )

        $errors = Get-ErrorRecords { $rows | Add-ModeGroupMember }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.AddModeGroupMemberCommand'
        $errors[0].Exception.Message | Should -BeLike "*$($script:Users[20].UserName)*"
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'File Alpha' | Should -Be @($script:Users[21].Id)
    }

    It 'adds the members to each group of an array, and returns each group changed with -PassThru' {
        $groups = @(Add-ModeGroupMember -Group 'File Alpha', 'File Beta' -Member $script:Users[30].UserName, $script:Users[31] -PassThru)

        $groups.Count | Should -Be 2
        $groups[0] | Should -BeOfType 'ModeScim.PowerShell.Models.ModeGroup'
        $groups.DisplayName | Should -Be 'File Alpha', 'File Beta'
        @($groups[0].Members.Id | Sort-Object) | Should -Be @($script:Users[30, 31].Id | Sort-Object)
        @($groups[1].Members.Id | Sort-Object) | Should -Be @($script:Users[0, 30, 31].Id | Sort-Object)
        Get-EmulatorMemberIdsByName -Emulator $script:Emulator -DisplayName 'File Beta' | Should -Be @($script:Users[0, 30, 31].Id | Sort-Object)
    }

    It 'returns a group with -PassThru when its members were all in it already, without changing it' {
        $group = Add-ModeGroupMember -Group 'File Beta' -Member $script:Users[0].UserName -PassThru

        $group.DisplayName | Should -Be 'File Beta'
        $group.Members.Id | Should -Be $script:Users[0].Id
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }
}
