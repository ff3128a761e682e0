<?php
// Bench-only: the child file with the statements the portal runs today
// (the php_file_now target), to tell the statements from the language
declare(strict_types=1);
const STATEMENTS_NOW = true;
require __DIR__ . '/file.php';
