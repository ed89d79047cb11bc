BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 250
    Connect-TestEmulator -Emulator $script:Emulator
    $script:Users = @(Get-ModeUser -First 250)
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'New-ModeGroup' {
    BeforeEach {
        Get-ModeGroup -DisplayName 'New *' -ExcludeMembers | Remove-ModeGroup -Confirm:$false
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'creates an empty group' {
        $group = New-ModeGroup -DisplayName 'New Empty'

        $group.MemberCount | Should -Be 0
        (Get-ModeScimEmulatorStats $script:Emulator).POST | Should -Be 1
    }

    It 'creates a group empty, as the IdPs do, then adds members given as userNames, looked up in one batch' {
        $group = New-ModeGroup 'New Team' -Member $script:Users[0..4].UserName

        $group.MemberCount | Should -Be 5
        $stats = Get-ModeScimEmulatorStats $script:Emulator
        # One batched lookup, the empty POST, one PATCH, and one read of the group as it ends up.
        $stats.routes.'GET Users' | Should -Be 1
        $stats.POST | Should -Be 1
        $stats.PATCH | Should -Be 1
        $stats.GET | Should -Be 2
    }

    It 'adds the members of a big group in PATCHes of at most -BatchSize' {
        $group = New-ModeGroup 'New Big' -Member $script:Users[0..249] -BatchSize 100

        $group.MemberCount | Should -Be 250
        (Get-ModeScimEmulatorStats $script:Emulator).PATCH | Should -Be 3
    }

    It 'creates groups from pipeline rows' {
        $groups = @([pscustomobject]@{ Name = 'New One' }, [pscustomobject]@{ Name = 'New Two' } | New-ModeGroup)
        $groups.DisplayName | Should -Be @('New One', 'New Two')
    }

    It 'reports a taken name as ModeScim.GroupAlreadyExists' {
        $errors = Get-ErrorRecords { New-ModeGroup 'finance' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.GroupAlreadyExists,ModeScim.PowerShell.Commands.NewModeGroupCommand'
    }

    It 'refuses an empty name with ModeScim.InvalidInput before any request' {
        $errors = Get-ErrorRecords { New-ModeGroup '  ' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.NewModeGroupCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
    }

    It 'sends nothing with -WhatIf' {
        New-ModeGroup 'New Plan' -Member $script:Users[0].UserName -WhatIf
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
    }
}
