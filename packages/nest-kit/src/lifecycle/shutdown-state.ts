import { Injectable } from '@nestjs/common';

/** Set when SIGTERM arrives so readiness turns 503 while in-flight requests finish. */
@Injectable()
export class ShutdownState {
  private draining = false;
  get isDraining(): boolean {
    return this.draining;
  }
  startDraining(): void {
    this.draining = true;
  }
}
