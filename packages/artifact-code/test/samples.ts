// Answers the code tests share: one of each shape a model writes.

/** An Angular standalone component with a signal. */
export const COMPONENT = [
  "import { Component, signal } from '@angular/core';",
  "",
  "@Component({",
  "  selector: 'app-counter',",
  "  template: `<button (click)=\"increment()\">{{ count() }}</button>`,",
  "})",
  "export class CounterComponent {",
  "  readonly count = signal(0);",
  "",
  "  increment(): void {",
  "    this.count.update((value) => value + 1);",
  "  }",
  "}"
].join("\n")

/** A C# file of one record. */
export const RECORD_FILE = ["namespace Shop.Contracts;", "", "public sealed record OrderDto(int Id, string Number);"].join("\n")

/** An ASP.NET Core controller with its record and reader interface. */
export const CONTROLLER = [
  "using Microsoft.AspNetCore.Mvc;",
  "",
  "namespace Shop.Api;",
  "",
  "[ApiController]",
  '[Route("api/orders")]',
  "public sealed class OrdersController(IOrderReader orders) : ControllerBase",
  "{",
  '    [HttpGet("{id:int}")]',
  "    public async Task<ActionResult<OrderDto>> Get(int id, CancellationToken ct)",
  "        => await orders.FindAsync(id, ct) is { } order ? Ok(order) : NotFound();",
  "}",
  "",
  "public sealed record OrderDto(int Id, string Number);",
  "",
  "public interface IOrderReader",
  "{",
  "    Task<OrderDto?> FindAsync(int id, CancellationToken ct);",
  "}"
].join("\n")
