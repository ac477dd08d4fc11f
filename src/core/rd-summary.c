/* rd-summary.c — being written */
